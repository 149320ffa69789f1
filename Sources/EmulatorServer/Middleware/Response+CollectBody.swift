import Hummingbird

extension Response {
    /// Reads the whole body (for storing or journaling it) and leaves the response able to send it.
    mutating func collectBody() async throws -> ByteBuffer {
        let collected = CollectedBody()
        try await body.write(BodyCollector(target: collected))
        body = ResponseBody(byteBuffer: collected.buffer)
        return collected.buffer
    }
}

/// The body writer is consumed by the write, so the bytes land in a box the caller keeps.
private final class CollectedBody: @unchecked Sendable {
    var buffer = ByteBuffer()
}

private struct BodyCollector: ResponseBodyWriter {
    let target: CollectedBody
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        target.buffer.writeBuffer(&buffer)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
