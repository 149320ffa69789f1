import EmulatorCore
import EmulatorTesting
import HTTPTypes
import Testing

/// Shortcuts the IT contact suites share.
extension APIClient {
    /// Adds the address as an IT contact of the organization, answering the contact.
    func contact(_ email: String, of organizationID: String) async throws -> JSON {
        try await created("/organizations/\(organizationID)/it_contacts", ["email": .string(email)])
    }

    /// The invitations mailed to IT contacts, newest first.
    func invitationMail() async throws -> [JSON] {
        try await get("/_emulator/outbox?kind=it_contact_invitation").json["data"]?.arrayValue ?? []
    }

    /// Opens a portal link as a browser does (no API key), answering the page's status.
    func open(_ link: String) async throws -> HTTPResponse.Status {
        guard let start = link.range(of: "/portal/") else { throw TestFailure("not a portal link: \(link)") }
        return try await with(apiKey: nil).get(String(link[start.lowerBound...])).status
    }
}

