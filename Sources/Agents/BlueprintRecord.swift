import EmulatorCore
import Foundation
import GRDB

/// A row of `agent_blueprints`: the template of an agent: its permission ceiling, who may mint
/// sessions from it (`invocable_by`), which kinds of instance (`invocable_as`), and the lifetimes of
/// its sessions and tokens.
struct BlueprintRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "agent_blueprints"

    var id: String
    var name: String
    var description: String?
    var permissions: [String]
    var roleSlugs: [String]
    var organizationIds: [String]
    var instanceTypes: [String]
    var maxAgeSeconds: Int
    var accessTokenTtlSeconds: Int
    var refreshTokenTtlSeconds: Int
    var createdAt: Date
    var updatedAt: Date

    /// `AgentBlueprint`.
    var wire: JSON {
        [
            "object": "agent_blueprint",
            "id": .string(id),
            "name": .string(name),
            "description": description.map(JSON.string) ?? .null,
            "permissions": .strings(permissions),
            "invocable_by": ["role_slugs": .strings(roleSlugs), "organization_ids": .strings(organizationIds)],
            "invocable_as": ["instance_types": .strings(instanceTypes)],
            "session_settings": [
                "max_age_seconds": .int(maxAgeSeconds),
                "access_token_ttl_seconds": .int(accessTokenTtlSeconds),
                "refresh_token_ttl_seconds": .int(refreshTokenTtlSeconds),
            ],
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// An empty `organization_ids` lets every organization invoke the blueprint.
    func isInvocable(in organizationID: String) -> Bool {
        organizationIds.isEmpty || organizationIds.contains(organizationID)
    }

    static func find(_ id: String, in db: Database) throws -> BlueprintRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Agent blueprint", id) }
        return record
    }
}
