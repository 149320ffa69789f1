import Hummingbird
import NIOCore

extension Request {
    /// The whole body, at most `limit` bytes; a larger one is WorkOS's 413 `request_too_large`.
    public func bodyBytes(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, code: "request_too_large", message: "The request body exceeds \(limit) bytes.")
        }
    }

    /// The whole body as `bodyBytes(upTo:)` reads it, put back so that the route reads it as if untouched
    /// (for middleware that looks at the body before the route does).
    public mutating func bufferBody(upTo limit: Int) async throws -> ByteBuffer {
        let bytes = try await bodyBytes(upTo: limit)
        body = .init(buffer: bytes)
        return bytes
    }
}
