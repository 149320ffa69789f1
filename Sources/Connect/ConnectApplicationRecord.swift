import EmulatorCore
import Foundation
import GRDB

/// A row of `connect_applications`: an OAuth application (first-party, or a third party's tied to an
/// organization) or a machine-to-machine application of an organization. The API finds it by its ID
/// or by its client ID.
struct ConnectApplicationRecord: EmulatorRecord, ListableRecord, WireRepresentable {
    static let databaseTableName = "connect_applications"

    enum Kind: String, Codable, Sendable { case oauth, m2m }

    var id: String
    var clientId: String
    var applicationType: Kind
    var name: String
    var description: String?
    var scopes: [String]
    var organizationId: String?
    var redirectUris: [ApplicationRedirectURI]
    var usesPkce: Bool
    var isFirstParty: Bool
    var createdAt: Date
    var updatedAt: Date

    /// The spec's union: the common keys, then the OAuth or the M2M ones. Every application made
    /// through the API is an authenticated registration, so `was_dynamically_registered` is false.
    var wire: JSON {
        var object: JSONObject = [
            "object": "connect_application",
            "id": .string(id),
            "client_id": .string(clientId),
            "description": .string(description),
            "name": .string(name),
            "scopes": .strings(scopes),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
            "application_type": .string(applicationType.rawValue),
        ]
        switch applicationType {
        case .oauth:
            object["redirect_uris"] = .array(redirectUris.map(\.wire))
            object["uses_pkce"] = .bool(usesPkce)
            object["is_first_party"] = .bool(isFirstParty)
            object["was_dynamically_registered"] = false
            object["organization_id"] = .string(organizationId)
        case .m2m:
            object["organization_id"] = .string(organizationId)
        }
        return .object(object)
    }

    /// By ID or client ID, as every route of `/connect/applications/{id}` takes either.
    static func find(_ idOrClientID: String, in db: Database) throws -> ConnectApplicationRecord {
        guard let record = try filter(Column("id") == idOrClientID || Column("client_id") == idOrClientID).fetchOne(db) else {
            throw APIError.notFound("Connect Application", idOrClientID)
        }
        return record
    }
}
