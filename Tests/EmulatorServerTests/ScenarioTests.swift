import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Foundation
import Testing

@Suite struct ScenarioTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var scenarioFiles: [URL] {
        let directory = repository.appendingPathComponent("scenarios")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    @Test func thereAreReadyMadeScenarios() {
        #expect(Self.scenarioFiles.count >= 2)
    }

    @Test(arguments: scenarioFiles)
    func everyReadyMadeScenarioValidatesAndLoads(_ file: URL) async throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        _ = try ScenarioLoader.standard.validate(text: text)
        try await TestEmulator.run { api in
            let control = api.with(apiKey: nil)
            let created = try await control.post("/_emulator/environments", ["scenario": .string(text)])
            #expect(created.status == .created, "\(created.text)")
            let organizations = created.json["created"]?["organizations"]?.objectValue
            let client = api.with(apiKey: created.json["api_key"]?.stringValue)
            let listed = try await client.get("/organizations?limit=100").json["data"]?.arrayValue ?? []
            #expect(listed.count == organizations?.count ?? 0)
        }
    }

    @Test func thePublishedSchemaIsTheGeneratedOne() throws {
        let published = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/scenario.schema.json"), encoding: .utf8)
        #expect(published == ScenarioLoader.standard.jsonSchemaText)
    }

    @Test func invalidScenariosListEveryProblemWithItsLine() throws {
        let text = """
            organizations:
              acme:
                nme: Acme
                domains: [bad domain]
              ok:
                name: Fine
                domains: [shared.com]
              dup:
                name: Dup
                domains: [shared.com]
            no_such_section: {}
            """
        #expect(throws: ScenarioLoader.Invalid.self) { try ScenarioLoader.standard.validate(text: text) }
        do {
            _ = try ScenarioLoader.standard.validate(text: text)
        } catch let invalid as ScenarioLoader.Invalid {
            let found = invalid.issues.map { "\($0.path)@\($0.line ?? 0)" }
            #expect(found.contains("no_such_section@11"))
            #expect(found.contains("organizations.acme.nme@3"))
            #expect(found.contains("organizations.acme.name@2") || found.contains("organizations.acme.name@3"))
            #expect(found.contains("organizations.acme.domains[0]@4"))
            #expect(found.contains("organizations.dup.domains[0]@10"))
            #expect(invalid.issues.count == 5)
        }
        let syntax = try? ScenarioLoader.standard.validate(text: "organizations:\n  acme: [\n")
        #expect(syntax == nil)
    }

    @Test func applyingReturnsObjectsByNameAndIsAllOrNothing() async throws {
        try await TestEmulator.run { api in
            let first = try await api.request(.post, "/_emulator/scenarios", json: [
                "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"], "id": "org_pinned_acme"]],
            ])
            #expect(first.status == .created)
            #expect(first.json["created"]?["organizations"]?["acme"]?["id"] == "org_pinned_acme")
            #expect(try await api.get("/organizations/org_pinned_acme").status == .ok)

            // The second org would take a domain that is already owned: nothing of the file lands.
            let conflicting = try await api.request(.post, "/_emulator/scenarios", json: [
                "organizations": ["fresh": ["name": "Fresh"], "thief": ["name": "Thief", "domains": ["acme.com"]]],
            ])
            #expect(conflicting.status == .conflict)
            #expect(try await api.get("/organizations").json["data"]?.arrayValue?.count == 1)

            let invalid = try await api.request(.post, "/_emulator/scenarios", json: ["organizations": ["x": ["name": 5]]])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.json["code"] == "scenario_invalid")
            #expect(invalid.json["errors"]?.arrayValue?.first?["path"] == "organizations.x.name")
        }
    }

    @Test func aFailedScenarioLeavesNoEnvironmentBehind() async throws {
        try await TestEmulator.run { api in
            let control = api.with(apiKey: nil)
            let before = try await control.get("/_emulator/environments").json["data"]?.arrayValue?.count
            let failed = try await control.post("/_emulator/environments", [
                "scenario": ["organizations": ["a": ["name": "A", "id": "org_same"], "b": ["name": "B", "id": "org_same"]]],
            ])
            #expect(failed.status == .conflict)
            #expect(try await control.get("/_emulator/environments").json["data"]?.arrayValue?.count == before)
        }
    }

    @Test func serveSeedsTheDefaultEnvironmentOnlyWhenEmpty() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = EmulatorConfiguration(port: 0, storage: .directory(directory))
        let file = (name: "seed.yaml", text: "organizations:\n  acme:\n    name: Acme\n")
        let emulator = try await Emulator(configuration: configuration)
        #expect(try await emulator.seedDefaultEnvironment(with: [file]))
        // A restart over the same data keeps it rather than seeding twice.
        let restarted = try await Emulator(configuration: configuration)
        #expect(try await restarted.seedDefaultEnvironment(with: [file]) == false)
        let count = try await restarted.registry.defaultEnvironment.read { db in try Event.fetchCount(db) }
        #expect(count == 1)
    }
}
