import EmulatorCore
import Foundation
import Organizations

/// The body of `POST /connect/applications`, checked: `application_type` `oauth` (`name`,
/// `is_first_party`, and `organization_id` for a third party's; `redirect_uris`, `uses_pkce`) or `m2m`
/// (`name`, `organization_id`); both take `description` and `scopes`. Every bad field is named in one 422.
struct NewConnectApplication: Sendable {
    var kind: ConnectApplicationRecord.Kind
    var name: String
    var description: String?
    var scopes: [String]
    var organizationID: String?
    var redirectURIs: [ApplicationRedirectURI]
    var usesPKCE: Bool
    var isFirstParty: Bool

    init(body: JSONBody) throws {
        var errors: [FieldError] = []
        func collect<T>(_ read: () throws -> T?) throws -> T? {
            do {
                return try read()
            } catch let error as APIError where error.code == "invalid_request_parameters" {
                for item in error.body["errors"]?.arrayValue ?? [] {
                    errors.append(FieldError(field: item["field"]?.stringValue ?? "", code: item["code"]?.stringValue ?? "",
                                             message: item["message"]?.stringValue ?? ""))
                }
                return nil
            }
        }
        let type = try collect { try body.string("application_type") }
        let kind = type.flatMap(ConnectApplicationRecord.Kind.init(rawValue:))
        if kind == nil {
            errors.append(FieldError(field: "application_type", code: type == nil ? "required" : "invalid_value",
                                     message: "application_type must be 'oauth' or 'm2m'."))
        }
        let name = try collect { try body.string("name") }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { errors.append(FieldError(field: "name", code: "required", message: "name is required.")) }
        description = try collect { try body.string("description") }
        scopes = try collect { try body.stringArray("scopes") } ?? []
        organizationID = try collect { try body.string("organization_id") }
        redirectURIs = try collect { try body.array("redirect_uris").map { try ApplicationRedirectURI.parse($0, field: "redirect_uris") } } ?? []
        usesPKCE = try collect { try body.bool("uses_pkce") } ?? false
        let isFirstParty = try collect { try body.bool("is_first_party") }
        switch kind {
        case .oauth?:
            if isFirstParty == nil {
                errors.append(FieldError(field: "is_first_party", code: "required", message: "is_first_party is required."))
            } else if isFirstParty == false, organizationID == nil {
                errors.append(FieldError(field: "organization_id", code: "required",
                                         message: "organization_id is required for a third-party application."))
            }
        case .m2m?:
            if organizationID == nil {
                errors.append(FieldError(field: "organization_id", code: "required", message: "organization_id is required."))
            }
            for field in ["redirect_uris", "uses_pkce", "is_first_party"] where !(body.object[field]?.isNull ?? true) {
                errors.append(FieldError(field: field, code: "not_allowed", message: "\(field) is for OAuth applications only."))
            }
        case nil:
            break
        }
        guard errors.isEmpty, let kind else { throw APIError.invalidParameters(errors) }
        self.kind = kind
        self.name = name
        self.isFirstParty = isFirstParty ?? false
    }

    /// Creates the application with a client ID of its own; a named organization must exist (404).
    func create(in tx: Transaction) throws -> ConnectApplicationRecord {
        if let organizationID { _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db) }
        let record = ConnectApplicationRecord(
            id: tx.newID("conn_app"), clientId: tx.newID("client"), applicationType: kind, name: name,
            description: description, scopes: scopes, organizationId: organizationID, redirectUris: redirectURIs,
            usesPkce: usesPKCE, isFirstParty: isFirstParty, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }
}
