import Foundation
import GRDB

/// A GRDB record of the emulator: snake_case columns for camelCase properties, and dates stored as
/// integer Unix milliseconds, so a timestamp reads back exactly as it was written.
public protocol EmulatorRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension EmulatorRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    // GRDB asks per column (`for:`); a static property of the same name would never be consulted.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { $0.unixMilliseconds }
    }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { Int64.fromDatabaseValue($0).map(Date.init(unixMilliseconds:)) }
    }
}
