import EmulatorCore

/// Why a JWT template was refused: one of WorkOS's documented validation messages, answered as its
/// 422 `invalid_request_parameters` naming the `content` field.
struct JWTTemplateError: Error, Equatable {
    let message: String

    static func invalid(_ message: String) -> JWTTemplateError { JWTTemplateError(message: message) }

    var apiError: APIError {
        APIError.invalidParameter("content", code: "invalid_jwt_template", message)
    }
}
