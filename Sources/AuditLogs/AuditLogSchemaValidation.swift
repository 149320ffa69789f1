import EmulatorCore

/// Checking an event against a version of its action's schema: target types must be ones the schema
/// lists, and each metadata object must satisfy the JSON schema given for it. A mismatch is WorkOS's
/// 400 `invalid_audit_log_event`, listing every problem.
extension AuditLogSchemaRecord {
    func check(_ event: AuditLogEventInput) throws {
        var problems: [String] = []
        if let schema = actor?["metadata"]?.objectValue {
            problems += JSONSchemaCheck.violations(of: schema, by: .object(event.actor.metadata ?? [:]), at: "actor.metadata")
        }
        let declared = targets.arrayValue?.compactMap(\.objectValue) ?? []
        for (index, target) in event.targets.enumerated() {
            guard let targetSchema = declared.first(where: { $0["type"]?.stringValue == target.type }) else {
                let known = declared.compactMap { $0["type"]?.stringValue }.joined(separator: ", ")
                problems.append("targets[\(index)].type '\(target.type)' is not one of the schema's target types (\(known)).")
                continue
            }
            if let schema = targetSchema["metadata"]?.objectValue {
                problems += JSONSchemaCheck.violations(of: schema, by: .object(target.metadata ?? [:]),
                                                       at: "targets[\(index)].metadata")
            }
        }
        if let metadata {
            problems += JSONSchemaCheck.violations(of: metadata, by: .object(event.metadata ?? [:]), at: "metadata")
        }
        guard problems.isEmpty else {
            throw APIError(.badRequest, code: "invalid_audit_log_event",
                           message: "The event does not match version \(version) of the schema of '\(actionName)'.",
                           extra: ["errors": .array(problems.map { ["message": .string($0)] })])
        }
    }
}
