import Authorization
import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// A key to create, as the body of `POST /organizations/{id}/api_keys` or
/// `POST /user_management/users/{id}/api_keys` asks: `name` (required), `permissions` (slugs of the
/// environment's permissions), `expires_at` (a future instant; none means the key never expires), and
/// for a user's key `organization_id` (required). Bad fields are the spec's
/// `invalid_request_parameters`, naming each: a 422 for organization keys, a 400 for user keys.
struct NewAPIKey: Sendable {
    enum Holder: Sendable { case organization, user }

    var name: String
    var permissions: [String]
    var expiresAt: Date?
    /// A user's key: the organization it acts in.
    var organizationID: String?
    /// The status bad input answers with.
    let invalid: HTTPResponse.Status

    init(body: JSONBody, for holder: Holder) throws {
        invalid = holder == .organization ? .unprocessableContent : .badRequest
        do {
            var errors: [FieldError] = []
            let name = try body.string("name")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if name.isEmpty { errors.append(FieldError(field: "name", code: "required", message: "name is required.")) }
            self.name = name
            if holder == .user {
                organizationID = try body.string("organization_id")
                if organizationID?.isEmpty ?? true {
                    errors.append(FieldError(field: "organization_id", code: "required", message: "organization_id is required."))
                }
            }
            permissions = try body.stringArray("permissions") ?? []
            expiresAt = nil
            if let text = try body.string("expires_at") {
                if let date = Timestamp.parse(text) {
                    expiresAt = date
                } else {
                    errors.append(FieldError(field: "expires_at", code: "invalid_value",
                                             message: "expires_at must be an ISO-8601 date-time, not '\(text)'."))
                }
            }
            guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
        } catch let error as APIError where error.status == .unprocessableContent {
            throw APIError(invalid, body: error.body)
        }
    }

    /// The checks that need the database and the transaction's instant: every permission exists, and
    /// the expiry is still to come.
    func check(in tx: Transaction) throws {
        var errors: [FieldError] = []
        for slug in try AuthorizationAPI.unknownPermissions(permissions, in: tx.db) {
            errors.append(FieldError(field: "permissions", code: "invalid_permission",
                                     message: "'\(slug)' is not a permission of this environment."))
        }
        if let expiresAt, expiresAt <= tx.now {
            errors.append(FieldError(field: "expires_at", code: "invalid_value", message: "expires_at must be in the future."))
        }
        guard errors.isEmpty else { throw APIError(invalid, body: APIError.invalidParameters(errors).body) }
    }
}
