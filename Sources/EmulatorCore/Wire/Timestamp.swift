import Foundation

/// WorkOS timestamps: ISO-8601, UTC, milliseconds, `Z` (`2026-01-15T12:00:00.000Z`).
public enum Timestamp {
    private static let parseStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plainParseStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// Rounds to the nearest millisecond, so a date survives storage and formatting unchanged. Written
    /// byte by byte into one string: every object on the wire carries two or more of these, and building
    /// each from a dozen small strings showed in profiles of list pages.
    public static func format(_ date: Date) -> String {
        let millis = date.unixMilliseconds
        let days = millis.floorDivided(by: 86_400_000)
        let dayMillis = Int(millis - days * 86_400_000)
        let (year, month, day) = civil(daysSinceEpoch: days)
        guard (0...9999).contains(year) else { return parseStyle.format(Date(unixMilliseconds: millis)) }
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(Int(year), 4, at: 0)
            put(month, 2, at: 5)
            put(day, 2, at: 8)
            put(dayMillis / 3_600_000, 2, at: 11)
            put(dayMillis / 60_000 % 60, 2, at: 14)
            put(dayMillis / 1000 % 60, 2, at: 17)
            put(dayMillis % 1000, 3, at: 20)
            for (offset, byte) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")] as [(Int, Unicode.Scalar)] {
                out[offset] = UInt8(ascii: byte)
            }
            return 24
        }
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Accepts ISO-8601 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? parseStyle.parse(text)) ?? (try? plainParseStyle.parse(text))
    }
}

extension Date {
    /// The nearest whole millisecond: the precision of every timestamp on the wire and in storage.
    public var wholeMilliseconds: Date { Date(unixMilliseconds: unixMilliseconds) }

    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 { (self - floorModulo(divisor)) / divisor }
    func floorModulo(_ divisor: Int64) -> Int64 { ((self % divisor) + divisor) % divisor }
}
