import Foundation
import Synchronization

/// IDs are `<prefix>_<ULID>`. The ULID's time part is the environment clock's reading at creation, and
/// IDs one generator mints in the same millisecond increase monotonically, so ordering an environment's
/// rows by ID is ordering them by `created_at`, with the ID as tie-break: list cursors then need
/// nothing but the primary key. Each environment has its own generator, because environments have
/// clocks of their own and would otherwise interleave instants.
public final class ObjectIDGenerator: Sendable {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private let state = Mutex<(millis: Int64, high: UInt16, low: UInt64)>((-1, 0, 0))

    public init() {}

    public func make(_ prefix: String, at date: Date) -> String {
        "\(prefix)_\(ulid(at: date))"
    }

    public func ulid(at date: Date) -> String {
        let millis = max(0, date.unixMilliseconds)
        let (high, low) = state.withLock { state -> (UInt16, UInt64) in
            if state.millis == millis {
                let (low, overflow) = state.low.addingReportingOverflow(1)
                state = (millis, overflow ? state.high &+ 1 : state.high, low)
            } else {
                var generator = SystemRandomNumberGenerator()
                // The top random bit starts clear, leaving room to count up within a millisecond.
                state = (millis, UInt16.random(in: 0...UInt16.max, using: &generator) & 0x7FFF,
                         UInt64.random(in: 0...UInt64.max, using: &generator))
            }
            return (state.high, state.low)
        }
        var chars = [UInt8](repeating: 0, count: 26)
        var time = UInt64(millis)
        for index in stride(from: 9, through: 0, by: -1) {
            chars[index] = Self.alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 random bits, 16 high then 64 low, as 16 base-32 digits.
        var lowBits = low
        var highBits = UInt64(high)
        for index in stride(from: 25, through: 10, by: -1) {
            chars[index] = Self.alphabet[Int(lowBits & 31)]
            lowBits = (lowBits >> 5) | ((highBits & 31) << 59)
            highBits >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }
}

public enum ObjectID {
    /// For IDs outside any environment (environments themselves).
    public static let shared = ObjectIDGenerator()

    public static func make(_ prefix: String, at date: Date) -> String { shared.make(prefix, at: date) }

    /// A random opaque token (codes, secrets): `count` characters of Crockford base-32.
    public static func token(_ count: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
