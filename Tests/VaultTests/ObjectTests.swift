import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// `/vault/v1/kv`: objects stored encrypted, read back by ID or name, updated as versions with an
/// optional version check, described without their value, and deleted.
@Suite struct ObjectTests {
    @Test func anObjectIsStoredEncryptedAndReadBackByIDOrName() async throws {
        try await TestEmulator.run { api in
            let environment = try api.environment
            let metadata = try await api.object("db-password", "hunter2", context: ["organization_id": "org_1"])
            let id = try metadata.string("id")
            #expect(metadata["environment_id"] == .string(environment.id) && metadata["context"] == ["organization_id": "org_1"])
            #expect(metadata["updated_by"] == ["id": .string(environment.id), "name": .string(environment.name)])
            #expect(try metadata.string("key_id").hasPrefix("dek_") && metadata["version_id"]?.stringValue != nil)
            #expect(metadata["updated_at"]?.stringValue.flatMap(Timestamp.parse) != nil)

            let byID = try await api.get("/vault/v1/kv/\(id)")
            #expect(byID.status == .ok && byID.json["value"] == "hunter2" && byID.json["name"] == "db-password")
            #expect(byID.json["metadata"] == metadata)
            let byName = try await api.get("/vault/v1/kv/name/db-password")
            #expect(byName.status == .ok && byName.json == byID.json)
            let described = try await api.get("/vault/v1/kv/\(id)/metadata")
            #expect(described.status == .ok && described.json["value"] == nil && described.json["metadata"] == metadata)

            // What the table holds is ciphertext: the value appears nowhere in it.
            let stored = try await environment.read { db in
                try Row.fetchAll(db, sql: "SELECT encrypted_keys, ciphertext FROM vault_versions")
                    .flatMap { row in [row["encrypted_keys"] as Data, row["ciphertext"] as Data] }
            }
            #expect(stored.count == 2 && !stored.contains { $0.range(of: Data("hunter2".utf8)) != nil })

            let events = try await api.vaultEvents()
            #expect(events.map(\.event) == ["vault.kek.created", "vault.data.created", "vault.data.read", "vault.data.read"])
            #expect(events[1].data["kv_name"] == "db-password" && events[1].data["key_context"] == ["organization_id": "org_1"])
            #expect(events[1].data["key_id"] == metadata["key_id"])
        }
    }

    @Test func updatesAreVersionsAndAVersionCheckGuardsThem() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            let created = try await api.object("token", "one")
            let id = try created.string("id")
            let first = try created.string("version_id")
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": 60]).status == .ok)

            let updated = try await api.put("/vault/v1/kv/\(id)", ["value": "two", "version_check": .string(first)])
            #expect(updated.status == .created && updated.json["value"] == nil && updated.json["name"] == "token")
            let second = try #require(updated.json["metadata"]?["version_id"]?.stringValue)
            #expect(second != first && updated.json["metadata"]?["key_id"] != created["key_id"])
            #expect(updated.json["metadata"]?["updated_at"] != created["updated_at"])
            #expect(try await api.get("/vault/v1/kv/\(id)").json["value"] == "two")

            let stale = try await api.put("/vault/v1/kv/\(id)", ["value": "three", "version_check": .string(first)])
            #expect(stale.status == .conflict && stale.json["error"] != nil)
            #expect(try await api.put("/vault/v1/kv/\(id)", ["value": "three"]).status == .created)
            #expect(try await api.put("/vault/v1/kv/\(id)", ["version_check": .string(first)]).status == .badRequest)

            let versions = try await api.get("/vault/v1/kv/\(id)/versions")
            #expect(versions.status == .ok)
            #expect(versions.json["list_metadata"]?["before"] == .null && versions.json["list_metadata"]?["after"] == .null)
            let data = try #require(versions.json["data"]?.arrayValue)
            #expect(data.count == 3 && data.map { $0["current_version"] } == [true, false, false])
            #expect(data[1]["id"] == .string(second) && data[2]["id"] == .string(first))
            // MD5 of "one", and its length.
            #expect(data[2]["etag"] == "f97c5d29941bfb1b2fdab0874906ab82" && data[2]["size"] == 3)

            let events = try await api.vaultEvents().map(\.event)
            #expect(events.filter { $0 == "vault.data.updated" }.count == 2)
        }
    }

    @Test func deletingTakesTheObjectAndItsVersionsWithAnOptionalVersionCheck() async throws {
        try await TestEmulator.run { api in
            let created = try await api.object("gone", "soon")
            let id = try created.string("id")
            let stale = try await api.delete("/vault/v1/kv/\(id)?version_check=kv_version_nope")
            #expect(stale.status == .conflict)
            let deleted = try await api.delete("/vault/v1/kv/\(id)?version_check=\(try created.string("version_id"))")
            #expect(deleted.status == .ok && deleted.json == ["name": "gone", "success": true])
            for path in ["/vault/v1/kv/\(id)", "/vault/v1/kv/name/gone", "/vault/v1/kv/\(id)/metadata", "/vault/v1/kv/\(id)/versions"] {
                let answer = try await api.get(path)
                #expect(answer.status == .notFound && answer.json["error"] != nil, "\(path)")
            }
            #expect(try await api.delete("/vault/v1/kv/\(id)").status == .notFound)
            #expect(try await api.environment.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM vault_versions") } == 0)
            let last = try #require(try await api.vaultEvents().last)
            #expect(last.event == "vault.data.deleted" && last.data["kv_name"] == "gone")
            // The name is free again.
            _ = try await api.object("gone", "back")
        }
    }

    @Test func badInputIsRefusedWithVaultErrors() async throws {
        try await TestEmulator.run { api in
            _ = try await api.object("taken", "x")
            let duplicate = try await api.post("/vault/v1/kv", ["name": "taken", "value": "y", "key_context": ["a": "b"]])
            #expect(duplicate.status == .conflict && duplicate.json["error"] != nil)
            let bodies: [JSON] = [
                ["value": "v", "key_context": ["a": "b"]],
                ["name": "n", "key_context": ["a": "b"]],
                ["name": "n", "value": "v"],
                ["name": .string(String(repeating: "n", count: 201)), "value": "v", "key_context": ["a": "b"]],
                ["name": "n", "value": 5, "key_context": ["a": "b"]],
                ["name": "n", "value": "v", "key_context": ["a": ["nested": "no"]]],
            ]
            for body in bodies {
                let answer = try await api.post("/vault/v1/kv", body)
                #expect(answer.status == .unprocessableContent && answer.json["error"] != nil, "\(body)")
            }
            #expect(try await api.put("/vault/v1/kv/kv_missing", ["value": "v"]).status == .notFound)
            #expect(try await api.get("/vault/v1/kv?limit=0").status == .badRequest)
            #expect(try await api.get("/vault/v1/kv?updatedAfter=yesterday").status == .badRequest)
        }
    }

    @Test func listsPageSearchAndFilterByUpdateTime() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            for name in ["alpha", "beta", "gamma-db", "delta-db"] { _ = try await api.object(name, "v") }
            let first = try await api.get("/vault/v1/kv?limit=3")
            #expect(first.status == .ok && first.json.names == ["delta-db", "gamma-db", "beta"])
            let summary = try #require(first.json["data"]?.arrayValue?.first)
            #expect(Set(summary.objectValue?.keys ?? []) == ["id", "name", "updated_at"])
            let after = try #require(first.json["list_metadata"]?["after"]?.stringValue)
            let second = try await api.get("/vault/v1/kv?limit=3&after=\(after)")
            #expect(second.json.names == ["alpha"] && second.json["list_metadata"]?["after"] == .null)
            #expect(try await api.get("/vault/v1/kv?order=asc").json.names == ["alpha", "beta", "gamma-db", "delta-db"])
            #expect(try await api.get("/vault/v1/kv?search=-db").json.names == ["delta-db", "gamma-db"])

            let now = Timestamp.format(try api.environment.clock.now())
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": 5]).status == .ok)
            let beta = try #require(first.json["data"]?.arrayValue?[2]["id"]?.stringValue)
            #expect(try await api.put("/vault/v1/kv/\(beta)", ["value": "new"]).status == .created)
            #expect(try await api.get("/vault/v1/kv?updatedAfter=\(now)").json.names == ["beta"])
        }
    }
}
