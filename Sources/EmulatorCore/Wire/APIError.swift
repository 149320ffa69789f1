import Hummingbird

/// An error answered in one of WorkOS's shapes: `{message}`, `{code, message[, errors]}`, OAuth's
/// `{error, error_description}`, or a coded 403 authentication-flow error with extra keys.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let body: JSONObject
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, body: JSONObject, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// `{"message": …}`
    public init(_ status: HTTPResponse.Status, message: String) {
        self.init(status, body: ["message": .string(message)])
    }

    /// `{"code": …, "message": …}` plus any extra keys (`errors`, `pending_authentication_token`, …).
    public init(_ status: HTTPResponse.Status, code: String, message: String, extra: JSONObject = [:]) {
        var body: JSONObject = ["code": .string(code), "message": .string(message)]
        for pair in extra.pairs { body[pair.key] = pair.value }
        self.init(status, body: body)
    }

    /// RFC 6749 `{"error": …, "error_description": …}`.
    public static func oauth(_ status: HTTPResponse.Status = .badRequest, error: String, description: String) -> APIError {
        APIError(status, body: ["error": .string(error), "error_description": .string(description)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(.object(body), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    public var code: String? { body["code"]?.stringValue }
}

extension APIError {
    /// 404 worded as WorkOS words it: `Organization not found: 'org_…'.`
    public static func notFound(_ kind: String, _ id: String) -> APIError {
        APIError(.notFound, message: "\(kind) not found: '\(id)'.")
    }

    /// 422 naming each offending field.
    public static func invalidParameters(_ errors: [FieldError]) -> APIError {
        let summary = errors.map(\.message).joined(separator: " ")
        return APIError(.unprocessableContent, code: "invalid_request_parameters",
                        message: "Validation failed. \(summary)",
                        extra: ["errors": .array(errors.map(\.json))])
    }

    public static func invalidParameter(_ field: String, code: String, _ message: String) -> APIError {
        invalidParameters([FieldError(field: field, code: code, message: message)])
    }

    public static let unauthorized = APIError(
        .unauthorized, code: "unauthorized",
        message: "Could not authorize the request. Send `Authorization: Bearer <api key>` with a key of this emulator.")
}

/// One entry of a validation error's `errors` list.
public struct FieldError: Sendable, Equatable {
    public let field: String
    public let code: String
    public let message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    var json: JSON { ["field": .string(field), "code": .string(code), "message": .string(message)] }
}
