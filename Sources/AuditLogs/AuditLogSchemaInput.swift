import EmulatorCore

/// The body of `POST /audit_logs/actions/{name}/schemas`: at least one target type, and JSON schemas
/// for the metadata of the actor, each target and the event, each optional.
struct AuditLogSchemaInput: Sendable {
    var actor: JSONObject?
    var targets: JSON
    var metadata: JSONObject?

    init(_ body: JSONBody) throws {
        func schema(_ value: JSON?, _ field: String) throws -> JSONObject? {
            switch value {
            case nil, .null?: return nil
            case .object(let schema)? where JSONSchemaCheck.isUsable(schema): return schema
            default:
                throw APIError.invalidParameter(field, code: "invalid_schema", "\(field) must be a JSON schema object.")
            }
        }
        if let actor = try body.objectValue("actor") {
            guard let metadataSchema = try schema(actor["metadata"], "actor.metadata") else {
                throw JSONBody.required("actor.metadata")
            }
            self.actor = ["metadata": .object(metadataSchema)]
        }
        guard let targets = try body.array("targets"), !targets.isEmpty else {
            throw APIError.invalidParameter("targets", code: "required", "targets must list at least one target type.")
        }
        self.targets = .array(try targets.enumerated().map { index, item in
            guard let type = item["type"]?.stringValue, !type.isEmpty else { throw JSONBody.required("targets[\(index)].type") }
            var target: JSONObject = ["type": .string(type)]
            if let metadataSchema = try schema(item["metadata"], "targets[\(index)].metadata") {
                target["metadata"] = .object(metadataSchema)
            }
            return .object(target)
        })
        metadata = try schema(body.object["metadata"], "metadata")
    }
}
