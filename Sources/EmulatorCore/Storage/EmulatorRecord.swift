import Foundation
import GRDB

/// A GRDB record of the emulator: snake_case columns for camelCase properties, and dates stored as
/// integer Unix milliseconds, so a timestamp reads back exactly as it was written.
public protocol EmulatorRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension EmulatorRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    public static var databaseDateEncodingStrategy: DatabaseDateEncodingStrategy {
        .custom { $0.unixMilliseconds }
    }
    public static var databaseDateDecodingStrategy: DatabaseDateDecodingStrategy {
        .custom { Int64.fromDatabaseValue($0).map(Date.init(unixMilliseconds:)) }
    }
}
