import EmulatorCore

/// Radar answers its errors as the spec gives them: `{"message": …}`.
enum RadarError {
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message: message) }
}
