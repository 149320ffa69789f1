import AsyncHTTPClient
import Foundation
import NIOCore

/// POSTs one signed payload and reports how the receiver answered. Never throws: a refused connection
/// or a timeout is an answer too, and the delivery log records it.
struct DeliverySender: Sendable {
    /// An attempt gives up after this long; a slow receiver fails the attempt, not the emulator.
    static let timeout: TimeAmount = .seconds(10)
    /// How much of a response body the delivery log keeps.
    static let excerptLength = 1024

    struct Outcome: Sendable {
        var status: Int?
        var error: String?
        var latencyMs: Int
        var excerpt: String?
    }

    let client: HTTPClient

    /// Webhooks are not redirected: like WorkOS, any answer other than 2xx is a failed attempt. A
    /// refused connection fails the attempt at once; the retry schedule is what tries again.
    static let configuration: HTTPClient.Configuration = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: timeout),
            decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }()

    func send(to url: String, body: [UInt8], signature: String) async -> Outcome {
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let duration = started.duration(to: .now)
            return Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "WorkOS-Emulator-Webhooks")
        request.headers.add(name: "WorkOS-Signature", value: signature)
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            var excerpt: [UInt8] = []
            // Read the whole body so the connection can be reused, keeping only its start.
            for try await chunk in response.body where excerpt.count < Self.excerptLength {
                excerpt.append(contentsOf: chunk.readableBytesView.prefix(Self.excerptLength - excerpt.count))
            }
            return Outcome(status: Int(response.status.code), latencyMs: elapsed(),
                           excerpt: String(decoding: excerpt, as: UTF8.self))
        } catch {
            return Outcome(error: String(describing: error), latencyMs: elapsed())
        }
    }
}
