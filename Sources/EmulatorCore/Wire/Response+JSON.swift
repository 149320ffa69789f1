import Hummingbird
import NIOCore

extension Response {
    public static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = value.bytes
        return Response(
            status: status,
            headers: [.contentType: "application/json", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// WorkOS's bodyless success (`204 No Content` for deletes).
    public static var noContent: Response { Response(status: .noContent) }
}

/// A value that has a WorkOS wire representation.
public protocol WireRepresentable {
    var wire: JSON { get }
}
