import EmulatorCore
import Foundation
import Hummingbird

/// `/_emulator/clock`: read the environment's clock; advance it, set it, freeze or release it.
struct ClockController: Sendable {
    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("clock", use: read)
        control.post("clock", use: change)
    }

    @Sendable func read(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(Self.wire(try context.env().clock))
    }

    /// `{"advance_seconds": n}` or `{"now": "<ISO-8601>"}`, either with `"frozen"`; or `{"frozen": bool}`
    /// alone to pin or release the clock where it stands.
    @Sendable func change(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["advance_seconds", "now", "frozen"])
        let advance = try body.number("advance_seconds")
        let now = try body.string("now").map { text in
            guard let date = Timestamp.parse(text) else {
                throw APIError.invalidParameter("now", code: "invalid_value", "now must be an ISO-8601 timestamp.")
            }
            return date
        }
        let frozen = try body.bool("frozen")
        guard advance == nil || now == nil else {
            throw APIError.invalidParameter("now", code: "invalid_value", "Give advance_seconds or now, not both.")
        }
        guard advance != nil || now != nil || frozen != nil else {
            throw APIError.invalidParameter("advance_seconds", code: "required", "Give advance_seconds, now or frozen.")
        }
        let clock = try context.env().clock
        try await context.env().database.write { db in
            var setting = clock.current
            if let now {
                setting = clock.set(now, frozen: frozen ?? clock.isFrozen)
            } else {
                if let advance { setting = clock.advance(by: advance) }
                if let frozen, frozen != clock.isFrozen { setting = clock.set(clock.now(), frozen: frozen) }
            }
            try EnvironmentClock.store(setting, in: db)
        }
        return .json(Self.wire(clock))
    }

    static func wire(_ clock: EnvironmentClock) -> JSON {
        let offset: Int64 = switch clock.current {
        case .offset(let milliseconds): milliseconds
        case .frozen(let date): date.unixMilliseconds - Date().unixMilliseconds
        }
        return ["object": "clock", "now": .timestamp(clock.now()), "frozen": .bool(clock.isFrozen),
                "offset_ms": .int(Int(offset))]
    }
}
