/// Who a connected account belongs to: a user (optionally scoped to one of their organizations), or an
/// organization, whose account a member established.
enum ConnectedAccountOwner: Sendable, Equatable {
    case user(String, organizationID: String?)
    case organization(String)

    /// What the table's `owner_key` holds: unique per owner shape.
    var key: String {
        switch self {
        case .user(let id, nil): "user:\(id)"
        case .user(let id, let organizationID?): "user:\(id)@\(organizationID)"
        case .organization(let id): "organization:\(id)"
        }
    }

    var userID: String? {
        if case .user(let id, _) = self { id } else { nil }
    }

    var organizationID: String? {
        switch self {
        case .user(_, let organizationID): organizationID
        case .organization(let id): id
        }
    }

    /// The data providers list's `connection_owner`.
    var connectionOwner: String {
        if case .user = self { "user" } else { "organization" }
    }
}
