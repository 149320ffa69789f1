import Foundation
import GRDB

/// snake_case columns for camelCase properties, each name converted once. GRDB's own
/// `convertFromSnakeCase` converts every column of every row it decodes (and its encoder every key
/// it writes): that was the largest cost of a list page in a profile of the release build. The
/// rules are GRDB's (Foundation's): `organizationId` ⇄ `organization_id`, `myURLValue` → `my_url_value`.
enum ColumnNames {
    private static let columns = Memo { key in snakeCase(key) }
    private static let keys = Memo { column in camelCase(column) }

    static let decoding = DatabaseColumnDecodingStrategy.custom { column in PropertyKey(keys[column]) }
    static let encoding = DatabaseColumnEncodingStrategy.custom { key in columns[key.stringValue] }

    static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var column = ""
        for (index, character) in characters.enumerated() {
            if index > 0, character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // A word starts at a capital after a lower-case letter or digit, or at the last capital
                // of a run that a lower-case letter follows (`URLValue` → `url_value`).
                if !previous.isUppercase || next?.isLowercase == true { column.append("_") }
            }
            column.append(contentsOf: character.lowercased())
        }
        return column
    }

    static func camelCase(_ column: String) -> String {
        let words = column.split(separator: "_")
        guard words.count > 1 else { return column }
        return words[0].lowercased() + words.dropFirst().map { $0.capitalized }.joined()
    }

    private struct PropertyKey: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// A conversion remembered: names are few (the columns of the emulator's tables).
    private final class Memo: @unchecked Sendable {
        private let convert: @Sendable (String) -> String
        private let lock = NSLock()
        private var converted: [String: String] = [:]

        init(_ convert: @escaping @Sendable (String) -> String) { self.convert = convert }

        subscript(name: String) -> String {
            lock.lock()
            defer { lock.unlock() }
            if let known = converted[name] { return known }
            let result = convert(name)
            converted[name] = result
            return result
        }
    }
}
