import Foundation

/// WorkOS timestamps: ISO-8601, UTC, milliseconds, `Z` (`2026-01-15T12:00:00.000Z`).
public enum Timestamp {
    private static let parseStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plainParseStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// Rounds to the nearest millisecond, so a date survives storage and formatting unchanged.
    public static func format(_ date: Date) -> String {
        let millis = date.unixMilliseconds
        var seconds = time_t(millis.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(millis.floorModulo(1000)), 3))Z"
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
