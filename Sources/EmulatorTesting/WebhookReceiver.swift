import EmulatorCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A real HTTP server on a loopback port that records the webhooks posted to it, for tests of
/// delivery: `try await WebhookReceiver.run { receiver in … receiver.url … }`. It answers 200 unless
/// told otherwise, and can hold requests at a gate to play a slow receiver.
public final class WebhookReceiver: Sendable {
    public struct Delivery: Sendable {
        public let signature: String?
        public let body: [UInt8]
        public var json: JSON { (try? JSON.parse(body)) ?? .null }
    }

    private struct State {
        var received: [Delivery] = []
        var statuses: [Int] = []
        var gate: [CheckedContinuation<Void, Never>]? = nil
    }

    private let state = Mutex(State())
    public let url: String

    private init(port: Int) {
        url = "http://127.0.0.1:\(port)/webhooks"
    }

    /// Starts a receiver, runs `body` with it, and stops it; its port is closed once `run` returns.
    public static func run<Value: Sendable>(_ body: @Sendable (WebhookReceiver) async throws -> Value) async throws -> Value {
        let router = Router()
        let box = Mutex<WebhookReceiver?>(nil)
        router.post("webhooks") { request, _ -> Response in
            var request = request
            let bytes = Array(try await request.collectBody(upTo: 1 << 20).readableBytesView)
            let receiver = box.withLock { $0 }!
            return Response(status: .init(code: await receiver.record(Delivery(
                signature: request.headers[HTTPField.Name("WorkOS-Signature")!], body: bytes))))
        }
        let port = Mutex<CheckedContinuation<Int, Never>?>(nil)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 }?.resume(returning: channel.localAddress?.port ?? 0) },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let bound = await withCheckedContinuation { continuation in
                port.withLock { $0 = continuation }
                group.addTask { try await services.run() }
            }
            let receiver = WebhookReceiver(port: bound)
            box.withLock { $0 = receiver }
            do {
                let value = try await body(receiver)
                receiver.openGate()
                await services.triggerGracefulShutdown()
                return value
            } catch {
                receiver.openGate()
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// Every webhook received so far, in arrival order.
    public var received: [Delivery] { state.withLock { $0.received } }

    /// The statuses to answer the next requests with, in order; 200 after them.
    public func respond(with statuses: [Int]) {
        state.withLock { $0.statuses = statuses }
    }

    /// Holds every request until `openGate`, as a receiver that is slow to answer.
    public func closeGate() {
        state.withLock { $0.gate = $0.gate ?? [] }
    }

    public func openGate() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.gate = nil }
            return state.gate ?? []
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Waits until `count` webhooks have arrived, for tests of background delivery (which no flush
    /// awaits); fails after `timeout`.
    public func waitFor(count: Int, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while received.count < count {
            guard ContinuousClock.now < deadline else {
                throw TestFailure("expected \(count) webhooks within \(timeout), got \(received.count)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Notes the webhook on arrival, then holds the answer while the gate is closed.
    private func record(_ delivery: Delivery) async -> Int {
        let status = state.withLock { state in
            state.received.append(delivery)
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let held = state.withLock { state -> Bool in
                guard state.gate != nil else { return false }
                state.gate!.append(continuation)
                return true
            }
            if !held { continuation.resume() }
        }
        return status
    }
}
