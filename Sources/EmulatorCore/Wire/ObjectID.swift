import Foundation
import Synchronization

/// IDs are `<prefix>_<ULID>`. The ULID's time part is the environment clock's reading at creation, and
/// IDs minted in the same millisecond increase monotonically, so ordering by ID is ordering by
/// `created_at` with the ID as tie-break: list cursors then need nothing but the primary key.
public enum ObjectID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private static let state = Mutex<(millis: Int64, random: (UInt16, UInt64))>((0, (0, 0)))

    public static func make(_ prefix: String, at date: Date) -> String {
        "\(prefix)_\(ulid(at: date))"
    }

    public static func ulid(at date: Date) -> String {
        let millis = max(0, date.unixMilliseconds)
        let random = state.withLock { state -> (UInt16, UInt64) in
            if state.millis == millis {
                let (low, overflow) = state.random.1.addingReportingOverflow(1)
                state.random = (overflow ? state.random.0 &+ 1 : state.random.0, low)
            } else {
                var generator = SystemRandomNumberGenerator()
                state = (millis, (UInt16.random(in: 0...UInt16.max, using: &generator) & 0x7FFF,
                                  UInt64.random(in: 0...UInt64.max, using: &generator)))
            }
            return state.random
        }
        var chars = [UInt8](repeating: 0, count: 26)
        var time = UInt64(millis)
        for index in stride(from: 9, through: 0, by: -1) {
            chars[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 random bits: 16 high bits then 64 low bits, as 16 base-32 digits.
        var low = random.1
        var high = UInt64(random.0)
        for index in stride(from: 25, through: 10, by: -1) {
            chars[index] = alphabet[Int(low & 31)]
            low = (low >> 5) | ((high & 31) << 59)
            high >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// A random opaque token (codes, secrets): `count` characters of Crockford base-32.
    public static func token(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
