import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct AuditLogExportsTests {
    private func export(_ api: APIClient, _ body: JSON) async throws -> [String] {
        let created = try await api.post("/audit_logs/exports", body)
        #expect(created.status == .created)
        #expect(created.json["state"] == "ready")
        let url = try #require(created.json["url"]?.stringValue)
        let id = try #require(created.json["id"]?.stringValue)
        #expect(id.hasPrefix("audit_log_export_"))
        #expect(try await api.get("/audit_logs/exports/\(id)").json == created.json)
        let download = try await api.with(apiKey: nil).get(pathOf(url))
        #expect(download.status == .ok)
        #expect(download.headers[.contentType]?.hasPrefix("text/csv") == true)
        return download.text.split(separator: "\r\n").map(String.init)
    }

    @Test func exportsFilterByRangeActionActorAndTarget() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let other = try await api.organization("Other")
            try await api.auditEvent(org, action: "user.signed_in", occurredAt: "2026-01-10T00:00:00Z")
            try await api.auditEvent(org, action: "user.signed_out", occurredAt: "2026-01-11T00:00:00Z",
                                     actor: ["id": "user_2", "type": "user", "name": "Ada"],
                                     targets: [["id": "doc_1", "type": "document", "name": "Plan, \"final\""]])
            try await api.auditEvent(org, action: "user.signed_in", occurredAt: "2026-03-01T00:00:00Z")
            try await api.auditEvent(other, action: "user.signed_in", occurredAt: "2026-01-10T00:00:00Z")
            let range: JSON = ["organization_id": .string(org), "range_start": "2026-01-01T00:00:00Z",
                               "range_end": "2026-02-01T00:00:00Z"]

            let all = try await export(api, range)
            #expect(all.first == AuditLogCSVHeader.line)
            #expect(all.count == 3)
            #expect(all[1].hasPrefix("2026-01-10T00:00:00.000Z,user.signed_in,user_1,user,Jon Smith,"))
            // A comma and quotes inside a cell are quoted as RFC 4180 says.
            #expect(all[2].contains("\"[{\"\"id\"\":\"\"doc_1\"\""))

            func filtered(_ key: String, _ values: JSON) async throws -> Int {
                var body = range
                body.set(key, values)
                return try await export(api, body).count - 1
            }
            #expect(try await filtered("actions", ["user.signed_out"]) == 1)
            #expect(try await filtered("actor_names", ["Ada"]) == 1)
            #expect(try await filtered("actors", ["Jon Smith"]) == 1)
            #expect(try await filtered("actor_ids", ["user_1", "user_2"]) == 2)
            #expect(try await filtered("targets", ["document"]) == 1)
            #expect(try await filtered("targets", ["nothing"]) == 0)
        }
    }

    @Test func exportInputIsValidated() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            #expect(try await api.post("/audit_logs/exports", ["organization_id": .string(org)]).status == .unprocessableContent)
            #expect(try await api.post("/audit_logs/exports", [
                "organization_id": .string(org), "range_start": "soon", "range_end": "2026-02-01T00:00:00Z",
            ]).status == .unprocessableContent)
            #expect(try await api.post("/audit_logs/exports", [
                "organization_id": .string(org), "range_start": "2026-03-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).status == .badRequest)
            #expect(try await api.post("/audit_logs/exports", [
                "organization_id": "org_missing", "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).status == .notFound)
            #expect(try await api.get("/audit_logs/exports/audit_log_export_missing").status == .notFound)
        }
    }

    @Test func theDownloadNeedsItsToken() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let url = try #require(try await api.post("/audit_logs/exports", [
                "organization_id": .string(org), "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).json["url"]?.stringValue)
            let path = pathOf(url)
            let withoutToken = String(path[..<path.firstIndex(of: "?")!])
            #expect(try await api.with(apiKey: nil).get(withoutToken).status == .notFound)
            #expect(try await api.with(apiKey: nil).get(path + "x").status == .notFound)
            // Another environment's client cannot read it either.
            let elsewhere = try await api.newEnvironment()
            let otherURL = try #require(try await elsewhere.post("/audit_logs/exports", [
                "organization_id": .string(try await elsewhere.organization()),
                "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).json["url"]?.stringValue)
            let otherToken = String(otherURL[otherURL.range(of: "token=")!.upperBound...])
            #expect(try await api.with(apiKey: nil).get(withoutToken + "?token=" + otherToken).status == .notFound)
        }
    }

    @Test func deletingTheOrganizationDropsItsAuditLogs() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            try await api.auditEvent(org)
            let id = try #require(try await api.post("/audit_logs/exports", [
                "organization_id": .string(org), "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).json["id"]?.stringValue)
            #expect(try await api.delete("/organizations/\(org)").status == .accepted)
            #expect(try await api.get("/audit_logs/exports/\(id)").status == .notFound)
        }
    }
}

/// The header row every export starts with.
enum AuditLogCSVHeader {
    static let line = "occurred_at,action,actor_id,actor_type,actor_name,actor_metadata,targets,location,user_agent,metadata,version"
}
