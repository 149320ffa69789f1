import EmulatorCore
import EmulatorTesting
import Hummingbird
import Testing

@Suite struct FaultTests {
    @Test func aCountedFaultAnswersThenStops() async throws {
        try await TestEmulator.run { api in
            let fault = try await api.post("/_emulator/faults", [
                "method": "GET", "path": "/organizations", "status": 503, "count": 2,
            ])
            #expect(fault.status == .created)
            let faultID = try #require(fault.json["id"]?.stringValue)
            for _ in 0..<2 {
                let failed = try await api.get("/organizations")
                #expect(failed.status == .serviceUnavailable)
                #expect(failed.json["code"] == "injected_fault")
                #expect(failed.headers[.init("X-Emulator-Fault")!] == faultID)
            }
            #expect(try await api.get("/organizations").status == .ok)
            #expect(try await api.get("/_emulator/faults").json["data"] == [])
        }
    }

    @Test func patternsBodiesAndScope() async throws {
        try await TestEmulator.run { api in
            let org = try #require(try await api.post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
            _ = try await api.post("/_emulator/faults", [
                "method": "*", "path": "/organizations/{id}", "status": 429,
                "body": ["message": "Slow down", "code": "rate_limit_exceeded"],
            ])
            let limited = try await api.get("/organizations/\(org)")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.json == ["code": "rate_limit_exceeded", "message": "Slow down"])
            #expect(try await api.put("/organizations/\(org)", ["name": "x"]).status == .tooManyRequests)
            #expect(try await api.get("/organizations").status == .ok)

            let other = try await api.newEnvironment()
            let otherOrg = try #require(try await other.post("/organizations", ["name": "Other"]).json["id"]?.stringValue)
            #expect(try await other.get("/organizations/\(otherOrg)").status == .ok)

            #expect(try await api.delete("/_emulator/faults").status == .noContent)
            #expect(try await api.get("/organizations/\(org)").status == .ok)
        }
    }

    @Test func latencyOnlyPassesThroughAndProbabilityZeroNeverFires() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/_emulator/faults", ["method": "GET", "path": "/organizations", "latency_ms": 150])
            let started = ContinuousClock.now
            let slow = try await api.get("/organizations")
            #expect(slow.status == .ok)
            #expect(started.duration(to: .now) >= .milliseconds(150))
            _ = try await api.delete("/_emulator/faults")

            _ = try await api.post("/_emulator/faults", ["method": "GET", "path": "/organizations", "status": 500, "probability": 0])
            for _ in 0..<5 { #expect(try await api.get("/organizations").status == .ok) }
        }
    }

    @Test func badFaultsAre422() async throws {
        try await TestEmulator.run { api in
            let bodies: [JSON] = [
                ["path": "/organizations", "status": 500],
                ["method": "FETCH", "path": "/organizations", "status": 500],
                ["method": "GET", "path": "organizations", "status": 500],
                ["method": "GET", "path": "/organizations"],
                ["method": "GET", "path": "/organizations", "status": 900],
                ["method": "GET", "path": "/organizations", "status": 500, "probability": 2],
                ["method": "GET", "path": "/organizations", "status": 500, "count": 0],
                ["method": "GET", "path": "/organizations", "status": 500, "colour": "red"],
            ]
            for body in bodies {
                let status = try await api.post("/_emulator/faults", body).status
                #expect(status == .unprocessableContent, "\(body.text)")
            }
        }
    }
}
