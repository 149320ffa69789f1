import GRDB

/// Builds the schema of an environment database. The core contributes its own tables (the event log,
/// idempotency records, the outbox); each area contributes its tables through `migrate`.
public struct Schema: Sendable {
    public typealias Contribution = @Sendable (inout DatabaseMigrator) -> Void
    private let contributions: [Contribution]

    public init(areas: [Contribution]) {
        contributions = [Event.migrate, IdempotencyRecord.migrate, ClockSettingRecord.migrate, OutboxMessage.migrate] + areas
    }

    /// Migrations run in the order the areas are listed, each once per database.
    public var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for contribute in contributions { contribute(&migrator) }
        return migrator
    }
}
