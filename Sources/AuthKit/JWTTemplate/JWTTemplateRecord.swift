import EmulatorCore
import Foundation
import GRDB

/// The environment's JWT template: the single row of `jwt_templates`, absent until one is saved.
struct JWTTemplateRecord: EmulatorRecord {
    static let databaseTableName = "jwt_templates"

    var id = 1
    var content: String
    var createdAt: Date
    var updatedAt: Date

    static func current(in db: Database) throws -> JWTTemplateRecord? {
        try fetchOne(db)
    }

    /// The claims the template adds to a token; none without a template. The context (the user, the
    /// organization and its domains) is read only when there is a template to render.
    static func claims(in db: Database, context: () throws -> JSON) throws -> JSONObject {
        guard let record = try current(in: db) else { return [:] }
        // Saved only after it parsed, so it parses again.
        guard let template = try? JWTTemplate(parsing: record.content) else { return [:] }
        return template.render(try context())
    }

    var wire: JSON {
        [
            "object": "jwt_template",
            "content": .string(content),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
