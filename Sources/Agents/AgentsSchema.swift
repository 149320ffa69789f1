import GRDB

/// The Agents area's tables: blueprints, the instances minted from them, the instances' sessions, and
/// the access tokens issued for those sessions, and agent registrations. Organizations and permissions belong to other areas,
/// so their IDs and slugs are held without foreign keys; `AgentOrganizationDeletion` follows them.
public enum AgentsSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("agents.v1") { db in
            try db.create(table: BlueprintRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("permissions", .jsonText).notNull()
                t.column("role_slugs", .jsonText).notNull()
                t.column("organization_ids", .jsonText).notNull()
                t.column("instance_types", .jsonText).notNull()
                t.column("max_age_seconds", .integer).notNull()
                t.column("access_token_ttl_seconds", .integer).notNull()
                t.column("refresh_token_ttl_seconds", .integer).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: InstanceRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("agent_blueprint_id", .text).notNull()
                    .references(BlueprintRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("organization_id", .text).notNull()
                t.column("organization_membership_id", .text)
                t.column("type", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            // A blueprint's instances, and an organization's, page by ID.
            try db.create(index: "agent_instances_by_blueprint", on: InstanceRecord.databaseTableName,
                          columns: ["agent_blueprint_id", "id"])
            try db.create(index: "agent_instances_by_organization", on: InstanceRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(table: SessionRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("agent_instance_id", .text).notNull()
                    .references(InstanceRecord.databaseTableName, column: "id", onDelete: .cascade)
                // Copied from the instance so the list's filters need no join.
                t.column("agent_blueprint_id", .text).notNull()
                t.column("organization_id", .text).notNull()
                // The session an `agent_delegated` mint chained this one from: revoking it revokes this.
                t.column("parent_session_id", .text)
                // SHA-256 of the current refresh token; a refresh replaces it, so each is single-use.
                t.column("refresh_token_hash", .text).notNull().unique()
                t.column("permissions", .jsonText).notNull()
                t.column("intent", .text)
                t.column("expires_at", .integer).notNull()
                t.column("revoked_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "agent_sessions_by_instance", on: SessionRecord.databaseTableName,
                          columns: ["agent_instance_id", "id"])
            try db.create(index: "agent_sessions_by_blueprint", on: SessionRecord.databaseTableName,
                          columns: ["agent_blueprint_id", "id"])
            try db.create(index: "agent_sessions_by_organization", on: SessionRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(index: "agent_sessions_by_parent", on: SessionRecord.databaseTableName,
                          columns: ["parent_session_id"])
            try db.create(table: AccessTokenRecord.databaseTableName) { t in
                // SHA-256 of the token: its value is answered once, when it is minted.
                t.primaryKey("token_hash", .text)
                t.column("agent_instance_session_id", .text).notNull()
                    .references(SessionRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("permissions", .jsonText).notNull()
                t.column("intent", .text)
                t.column("expires_at", .integer).notNull()
            }
            try db.create(table: RegistrationRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text).notNull().indexed()
                t.column("status", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("agent_identity_id", .text).notNull()
                t.column("userland_user_id", .text)
                t.column("revoked_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "agent_access_tokens_by_session", on: AccessTokenRecord.databaseTableName,
                          columns: ["agent_instance_session_id"])
        }
    }
}
