import EmulatorCore
import Hummingbird

/// A SCIM error response (RFC 7644 §3.12): `{"schemas": [Error], "status": "400", "scimType", "detail"}`.
struct SCIMError: Error, Sendable {
    let status: HTTPResponse.Status
    let scimType: String?
    let detail: String

    init(_ status: HTTPResponse.Status, _ scimType: String? = nil, _ detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    static func invalidValue(_ detail: String) -> SCIMError { SCIMError(.badRequest, "invalidValue", detail) }
    static func invalidSyntax(_ detail: String) -> SCIMError { SCIMError(.badRequest, "invalidSyntax", detail) }
    static func invalidPath(_ detail: String) -> SCIMError { SCIMError(.badRequest, "invalidPath", detail) }
    static func invalidFilter(_ detail: String) -> SCIMError { SCIMError(.badRequest, "invalidFilter", detail) }
    static func noTarget(_ detail: String) -> SCIMError { SCIMError(.badRequest, "noTarget", detail) }
    static func mutability(_ detail: String) -> SCIMError { SCIMError(.badRequest, "mutability", detail) }
    static func notFound(_ kind: String, _ id: String) -> SCIMError { SCIMError(.notFound, nil, "\(kind) \(id) not found.") }
    static func methodNotAllowed(_ detail: String) -> SCIMError { SCIMError(.methodNotAllowed, nil, detail) }
    static func notImplemented(_ detail: String) -> SCIMError { SCIMError(.notImplemented, nil, detail) }
    static let unauthorized = SCIMError(
        .unauthorized, nil, "Send `Authorization: Bearer <token>` with the bearer token the control API shows for this directory.")

    /// The same failure told in SCIM's terms: errors of the shared write path (a taken userName, an
    /// unknown member, a malformed body) keep their status and message.
    init(_ error: APIError) {
        let type: String? = switch (error.status, error.code) {
        case (.conflict, _): "uniqueness"
        case (.badRequest, "invalid_json"): "invalidSyntax"
        case (.badRequest, _), (.unprocessableContent, _): "invalidValue"
        default: nil
        }
        let status: HTTPResponse.Status = error.status == .unprocessableContent ? .badRequest : error.status
        self.init(status, type, error.body["message"]?.stringValue ?? error.status.reasonPhrase)
    }

    var response: Response {
        var body: JSONObject = ["schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": .string(String(status.code))]
        if let scimType { body["scimType"] = .string(scimType) }
        body["detail"] = .string(detail)
        return .scim(.object(body), status: status)
    }
}

extension Response {
    /// SCIM's media type (RFC 7644 §3.1).
    static func scim(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response.json(value, status: status)
        response.headers[.contentType] = "application/scim+json"
        return response
    }
}
