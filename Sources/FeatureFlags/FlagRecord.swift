import EmulatorCore
import Foundation
import GRDB

/// A row of `feature_flags`: a flag of the environment, addressed by its slug. WorkOS makes flags in
/// its dashboard; here the scenario section and the control route make them (`create`).
struct FlagRecord: EmulatorRecord, Equatable, ListableRecord, WireRepresentable {
    static let databaseTableName = "feature_flags"

    var id: String
    var slug: String
    var name: String
    var description: String?
    var tags: [String]
    /// Whether the flag is on in the environment at all: a disabled flag is in effect for no one.
    var enabled: Bool
    /// What the flag answers for organizations and users it does not target.
    var defaultValue: Bool
    var createdAt: Date
    var updatedAt: Date

    /// The flag as the API and its events carry it. Flags made here have no owner.
    var wire: JSON {
        [
            "object": "feature_flag",
            "id": .string(id),
            "slug": .string(slug),
            "name": .string(name),
            "description": .string(description),
            "owner": nil,
            "tags": .strings(tags),
            "enabled": .bool(enabled),
            "default_value": .bool(defaultValue),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The event payload adds the environment the flag belongs to.
    func eventData(in tx: Transaction) -> JSON {
        var data = wire
        data.set("environment_id", .string(tx.environmentID))
        return data
    }

    static func find(slug: String, in db: Database) throws -> FlagRecord {
        guard let record = try filter(Column("slug") == slug).fetchOne(db) else {
            throw APIError.notFound("Feature flag", slug)
        }
        return record
    }

    /// Creates the flag (`flag.created`) and its targets (then one `flag.rule_updated`). A taken slug is
    /// a 409; an unknown target the 404 of its organization or user.
    static func create(_ new: NewFlag, by actor: FlagActor, in tx: Transaction) throws -> FlagRecord {
        guard try filter(Column("slug") == new.slug).fetchCount(tx.db) == 0 else {
            throw APIError(.conflict, code: "feature_flag_slug_conflict",
                           message: "A feature flag with slug '\(new.slug)' already exists.")
        }
        let record = FlagRecord(id: tx.newID("flag"), slug: new.slug, name: new.name, description: new.description,
                                tags: new.tags, enabled: new.enabled, defaultValue: new.defaultValue,
                                createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try tx.emit("flag.created", record.eventData(in: tx), context: actor.context)
        guard !new.targetIDs.isEmpty else { return record }
        let before = try FlagRule(of: record, in: tx.db)
        for resourceID in new.targetIDs { try FlagTargetRecord.add(resourceID, to: record, in: tx) }
        try record.announceRuleChange(from: before, by: actor, in: tx)
        return record
    }

    /// Turns the flag on or off (`flag.updated` with the previous value); asking for what is already
    /// so changes nothing and announces nothing.
    func setting(enabled: Bool, by actor: FlagActor, in tx: Transaction) throws -> FlagRecord {
        guard enabled != self.enabled else { return self }
        var record = self
        record.enabled = enabled
        record.updatedAt = tx.now
        try record.update(tx.db)
        var context = actor.context
        context.set("previous_attributes", ["data": ["enabled": .bool(self.enabled)]])
        try tx.emit("flag.updated", record.eventData(in: tx), context: context)
        return record
    }

    /// `flag.rule_updated`, carrying the rule now and before, as the spec's event does.
    func announceRuleChange(from before: FlagRule, by actor: FlagActor, in tx: Transaction) throws {
        let after = try FlagRule(of: self, in: tx.db)
        var context = actor.context
        context.set("access_type", .string(after.accessType))
        context.set("configured_targets", after.configuredTargets)
        context.set("previous_attributes", ["context": [
            "access_type": .string(before.accessType), "configured_targets": before.configuredTargets,
        ]])
        try tx.emit("flag.rule_updated", eventData(in: tx), context: context)
    }
}
