import Foundation
import GRDB

/// A GRDB record of the emulator: snake_case columns for camelCase properties, and dates stored as
/// integer Unix milliseconds, so a timestamp reads back exactly as it was written and SQL can compare
/// it with `Date.unixMilliseconds` (expiries, `since` filters).
public protocol EmulatorRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension EmulatorRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { ColumnNames.decoding }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { ColumnNames.encoding }
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { $0.unixMilliseconds }
    }
    /// Milliseconds; text too, which is how databases written before dates were stored as integers
    /// hold them (GRDB's default `yyyy-MM-dd HH:mm:ss.SSS`), so an existing data directory still opens.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom(Row.storedDate)
    }
}

/// For the records read on every request, which decode their rows by hand: GRDB's `Decodable` path
/// cost as much as the query itself in a profile of the release build.
extension Row {
    @Sendable static func storedDate(_ value: DatabaseValue) -> Date? {
        if case .int64(let millis) = value.storage { return Date(unixMilliseconds: millis) }
        return Date.fromDatabaseValue(value)
    }

    public func date(_ column: String) throws -> Date {
        guard let date = try dateIfPresent(column) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "column \(column) holds no date")
        }
        return date
    }

    public func dateIfPresent(_ column: String) throws -> Date? {
        let value: DatabaseValue = try decode(forColumn: column)
        return value.isNull ? nil : Self.storedDate(value)
    }
}
