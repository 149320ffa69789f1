import Foundation

/// WorkOS timestamps: ISO-8601, UTC, milliseconds, `Z` (`2026-01-15T12:00:00.000Z`).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plainStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    public static func format(_ date: Date) -> String { style.format(date) }

    /// Accepts ISO-8601 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? plainStyle.parse(text))
    }
}

extension Date {
    /// Truncated to whole milliseconds, the precision of every timestamp on the wire and in storage.
    public var wholeMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
}
