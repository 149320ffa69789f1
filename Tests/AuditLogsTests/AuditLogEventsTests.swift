import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct AuditLogEventsTests {
    @Test func anEventWithoutASchemaIsRecorded() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let created = try await api.auditEvent(org, metadata: ["plan": "pro", "seats": 5, "trial": false])
            #expect(created.status == .ok)
            #expect(created.json == ["success": true])
        }
    }

    @Test func missingAndMistypedFieldsAreNamed() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let bad = try await api.post("/audit_logs/events", [
                "organization_id": .string(org),
                "event": ["action": "a", "occurred_at": "yesterday", "actor": ["id": "u"], "targets": "none", "context": [:]],
            ])
            #expect(bad.status == .unprocessableContent)
            let fields = bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
            #expect(fields == ["event.occurred_at", "event.actor.type", "event.targets", "event.context.location"])
            #expect(try await api.post("/audit_logs/events", ["organization_id": .string(org)]).status == .unprocessableContent)
            #expect(try await api.auditEvent("org_missing").status == .notFound)
        }
    }

    @Test func metadataLimitsAreTheSpecs() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let long = String(repeating: "x", count: 501)
            for metadata: JSON in [["note": .string(long)], ["bad key!": "v"], ["nested": ["a": "b"]]] {
                #expect(try await api.auditEvent(org, metadata: metadata).status == .unprocessableContent)
            }
            let tooMany = JSON.object(JSONObject((0...50).map { (key: "k\($0)", value: JSON.string("v")) }))
            #expect(try await api.auditEvent(org, actor: ["id": "u", "type": "user", "metadata": tooMany]).status
                == .unprocessableContent)
            #expect(try await api.auditEvent(org, metadata: ["note": .string(String(repeating: "x", count: 500))]).status == .ok)
        }
    }

    @Test func eventsAreCheckedAgainstTheLatestSchema() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let first = try await api.post("/audit_logs/actions/invoice.paid/schemas", ["targets": [["type": "invoice"]]])
            #expect(first.status == .created)
            #expect(first.json["version"] == 1)
            #expect(first.json["object"] == "audit_log_schema")
            let second = try await api.post("/audit_logs/actions/invoice.paid/schemas", [
                "targets": [["type": "invoice", "metadata": [
                    "type": "object", "properties": ["cost": ["type": "number"]], "required": ["cost"],
                ]]],
                "metadata": ["type": "object", "properties": ["currency": ["type": "string"]]],
            ])
            #expect(second.json["version"] == 2)

            let good = try await api.auditEvent(org, action: "invoice.paid",
                                                targets: [["id": "inv_1", "type": "invoice", "metadata": ["cost": .double(12.5)]]],
                                                metadata: ["currency": "EUR"])
            #expect(good.status == .ok)
            let wrongType = try await api.auditEvent(org, action: "invoice.paid", targets: [["id": "t", "type": "team"]])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.json["code"] == "invalid_audit_log_event")
            let missingCost = try await api.auditEvent(org, action: "invoice.paid", targets: [["id": "inv_1", "type": "invoice"]])
            #expect(missingCost.status == .badRequest)
            #expect(missingCost.json["errors"]?.arrayValue?.count == 1)
            // Version 1 asked for no target metadata, so the same event passes when it names that version.
            #expect(try await api.auditEvent(org, action: "invoice.paid", targets: [["id": "inv_1", "type": "invoice"]],
                                             version: 1).status == .ok)
            #expect(try await api.auditEvent(org, action: "invoice.paid", version: 9).status == .badRequest)
        }
    }

    @Test func actionsListTheirLatestSchemaAndVersions() async throws {
        try await TestEmulator.run { api in
            for action in ["a.one", "b.two", "a.one"] {
                _ = try await api.post("/audit_logs/actions/\(action)/schemas", ["targets": [["type": "thing"]]])
            }
            let actions = try await api.get("/audit_logs/actions?order=asc").json
            #expect(actions["object"] == "list")
            let data = actions["data"]?.arrayValue ?? []
            #expect(data.map { $0["name"] } == ["a.one", "b.two"])
            #expect(data.first?["schema"]?["version"] == 2)
            #expect(data.first?["object"] == "audit_log_action")

            let versions = try await api.get("/audit_logs/actions/a.one/schemas?limit=1").json
            #expect(versions["data"]?.arrayValue?.map { $0["version"] } == [2])
            #expect(versions["list_metadata"]?["after"]?.stringValue != nil)
            #expect(try await api.get("/audit_logs/actions/nothing/schemas").json["data"] == [])
        }
    }

    @Test func schemaInputIsValidated() async throws {
        try await TestEmulator.run { api in
            let path = "/audit_logs/actions/x/schemas"
            let bodies: [JSON] = [
                [:], ["targets": []], ["targets": [["type": "t"]], "actor": [:]],
                ["targets": [["type": "t"]], "metadata": ["type": "thing"]],
            ]
            for body in bodies {
                let status = try await api.post(path, body).status
                #expect(status == .unprocessableContent)
            }
        }
    }

    @Test func anIdempotencyKeyRecordsTheEventOnce() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let body: JSON = ["organization_id": .string(org), "event": [
                "action": "user.signed_in", "occurred_at": "2026-01-15T12:00:00Z",
                "actor": ["id": "u", "type": "user"], "targets": [], "context": ["location": "1.2.3.4"],
            ]]
            for _ in 0..<2 {
                #expect(try await api.request(.post, "/audit_logs/events", json: body, headers: [.init("Idempotency-Key")!: "k1"]).status == .ok)
            }
            let export = try await api.post("/audit_logs/exports", [
                "organization_id": .string(org), "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).json
            let csv = try await api.with(apiKey: nil).get(pathOf(export["url"]?.stringValue ?? "")).text
            #expect(csv.split(separator: "\r\n").count == 2)
        }
    }
}
