import EmulatorCore

/// Who holds an API key: an organization, or a user acting in one of their organizations.
enum APIKeyOwner: Sendable, Equatable {
    case organization(String)
    case user(String, organizationID: String)

    var type: String {
        switch self {
        case .organization: "organization"
        case .user: "user"
        }
    }

    var id: String {
        switch self {
        case .organization(let id), .user(let id, _): id
        }
    }

    /// The organization the key acts in.
    var organizationID: String {
        switch self {
        case .organization(let id): id
        case .user(_, let organizationID): organizationID
        }
    }

    /// `{"type": "organization", "id"}` or `{"type": "user", "id", "organization_id"}`.
    var wire: JSON {
        switch self {
        case .organization(let id): ["type": "organization", "id": .string(id)]
        case .user(let id, let organizationID):
            ["type": "user", "id": .string(id), "organization_id": .string(organizationID)]
        }
    }
}
