import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct AuditLogRetentionTests {
    @Test func retentionDefaultsTo30DaysAndCanBeSet() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            #expect(try await api.get("/organizations/\(org)/audit_logs_retention").json == ["retention_period_in_days": 30])
            let set = try await api.put("/organizations/\(org)/audit_logs_retention", ["retention_period_in_days": 365])
            #expect(set.json == ["retention_period_in_days": 365])
            #expect(try await api.get("/organizations/\(org)/audit_logs_retention").json == ["retention_period_in_days": 365])
            #expect(try await api.put("/organizations/\(org)/audit_logs_retention", ["retention_period": "3_MONTHS"]).json
                == ["retention_period_in_days": 90])
            let configuration = try await api.get("/organizations/\(org)/audit_log_configuration").json
            #expect(configuration["organization_id"] == .string(org))
            #expect(configuration["retention_period_in_days"] == 90)
            #expect(configuration["state"] == "active")
            #expect(configuration["log_stream"] == .null)
        }
    }

    @Test func badPeriodsAndUnknownOrganizationsAreRejected() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            for body: JSON in [["retention_period_in_days": 31], ["retention_period": "12_MONTHS"], ["retention_period": "1_WEEK"], [:]] {
                #expect(try await api.put("/organizations/\(org)/audit_logs_retention", body).status == .unprocessableContent)
            }
            #expect(try await api.get("/organizations/org_missing/audit_logs_retention").status == .notFound)
            #expect(try await api.put("/organizations/org_missing/audit_logs_retention", ["retention_period_in_days": 30]).status
                == .notFound)
            #expect(try await api.get("/organizations/org_missing/audit_log_configuration").status == .notFound)
        }
    }
}
