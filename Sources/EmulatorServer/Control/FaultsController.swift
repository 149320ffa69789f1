import EmulatorCore
import Foundation
import Hummingbird

/// `/_emulator/faults`: inject, list and remove faults in the key's environment.
struct FaultsController: Sendable {
    let faults: FaultBook

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("faults", use: create)
        control.get("faults", use: list)
        control.delete("faults", use: clear)
        control.delete("faults/:id", use: delete)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["method", "path", "status", "body", "latency_ms", "count", "probability"])
        let method = try body.requiredString("method").uppercased()
        guard method == "*" || ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(method) else {
            throw APIError.invalidParameter("method", code: "invalid_value", "method must be an HTTP method or *.")
        }
        let path = try body.requiredString("path")
        guard path.hasPrefix("/") else {
            throw APIError.invalidParameter("path", code: "invalid_value", "path must start with /.")
        }
        let status = try body.int("status")
        if let status, !(100...599).contains(status) {
            throw APIError.invalidParameter("status", code: "invalid_value", "status must be an HTTP status code.")
        }
        let latency = try body.int("latency_ms") ?? 0
        guard (0...60_000).contains(latency) else {
            throw APIError.invalidParameter("latency_ms", code: "invalid_value", "latency_ms must be between 0 and 60000.")
        }
        guard status != nil || latency > 0 else {
            throw APIError.invalidParameter("status", code: "required", "A fault needs a status, a latency_ms, or both.")
        }
        let count = try body.int("count")
        if let count, count < 1 { throw APIError.invalidParameter("count", code: "invalid_value", "count must be at least 1.") }
        let probability = try body.number("probability") ?? 1
        guard (0...1).contains(probability) else {
            throw APIError.invalidParameter("probability", code: "invalid_value", "probability must be between 0 and 1.")
        }
        let environment = try context.env()
        let fault = Fault(id: ObjectID.make("fault", at: Date()), method: method, path: path, status: status,
                          body: body.object["body"].flatMap { $0.isNull ? nil : $0 }, latencyMs: latency,
                          remaining: count, probability: probability, createdAt: environment.clock.now())
        faults.add(fault, to: environment.id)
        return .json(fault.wire, status: .created)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(["object": "list", "data": .array(faults.list(try context.env().id).map(\.wire))])
    }

    @Sendable func clear(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        faults.clear(try context.env().id)
        return .noContent
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        guard faults.remove(id, from: try context.env().id) else { throw APIError.notFound("Fault", id) }
        return .noContent
    }
}
