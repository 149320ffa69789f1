import GRDB

/// JSON columns hold compact JSON text.
extension JSON: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> JSON? {
        switch dbValue.storage {
        case .string(let text): try? JSON.parse(text)
        case .blob(let data): try? JSON.parse(data)
        default: nil
        }
    }
}

extension JSONObject: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { JSON.object(self).databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> JSONObject? {
        JSON.fromDatabaseValue(dbValue)?.objectValue
    }
}
