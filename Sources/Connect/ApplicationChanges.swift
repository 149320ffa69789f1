import EmulatorCore
import Foundation

/// The body of `PUT /connect/applications/{id}`: `name`, and `description`, `scopes`, `redirect_uris`
/// where null clears (scopes and redirect URIs to none) and absence keeps. Redirect URIs belong to
/// OAuth applications only (422 for an M2M one).
struct ApplicationChanges: Sendable {
    var name: String?
    var description: FieldUpdate<String>
    var scopes: FieldUpdate<[String]>
    var redirectURIs: FieldUpdate<[ApplicationRedirectURI]>

    init(body: JSONBody) throws {
        if let name = try body.string("name") {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw APIError.invalidParameter("name", code: "invalid_value", "name must not be empty.") }
            self.name = trimmed
        }
        description = try body.update("description") { try body.string($0) }
        scopes = try body.update("scopes") { try body.stringArray($0) }
        redirectURIs = try body.update("redirect_uris") { key in
            try ApplicationRedirectURI.parse(try body.array(key) ?? [], field: key)
        }
    }

    /// The application changed; `updated_at` moves only when something did.
    func applied(to record: ConnectApplicationRecord, at now: Date) throws -> ConnectApplicationRecord {
        var changed = record
        if let name { changed.name = name }
        changed.description = description.applied(to: record.description)
        changed.scopes = scopes.applied(to: record.scopes) ?? []
        switch (record.applicationType, redirectURIs) {
        case (.m2m, .set):
            throw APIError.invalidParameter("redirect_uris", code: "not_allowed", "redirect_uris are for OAuth applications only.")
        case (.oauth, _):
            changed.redirectUris = redirectURIs.applied(to: record.redirectUris) ?? []
        case (.m2m, _):
            break
        }
        if changed.wire != record.wire { changed.updatedAt = now }
        return changed
    }
}
