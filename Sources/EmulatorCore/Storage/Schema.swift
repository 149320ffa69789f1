import GRDB

/// Builds the schema of an environment database. The core contributes its own tables (the event log,
/// idempotency records, the outbox); each area contributes its tables through `migrate`.
public struct Schema: Sendable {
    public typealias Contribution = @Sendable (inout DatabaseMigrator) -> Void
    private let contributions: [Contribution]

    public init(areas: [Contribution]) {
        contributions = [Event.migrate, IdempotencyRecord.migrate, ClockSettingRecord.migrate, OutboxMessage.migrate] + areas
    }

    /// Migrations run in the order the areas are listed, each once per database, with foreign keys
    /// enforced as they go. GRDB's default turns them off around each migration and checks every table's
    /// keys at its end: a tenth of the time it takes to build a new database, for tables that start empty.
    public var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator().disablingDeferredForeignKeyChecks()
        for contribute in contributions { contribute(&migrator) }
        return migrator
    }
}
