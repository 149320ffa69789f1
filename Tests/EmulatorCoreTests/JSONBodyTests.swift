import EmulatorCore
import Testing

@Suite struct JSONBodyTests {
    private func errorBody(_ work: () throws -> Void) -> APIError? {
        do { try work() } catch let error as APIError { return error } catch { return nil }
        return nil
    }

    @Test func emptyBodyIsAnEmptyObject() throws {
        #expect(try JSONBody.parse(Array("  \n".utf8)).object.isEmpty)
    }

    @Test func malformedJSONIs400() {
        let error = errorBody { _ = try JSONBody.parse(Array("{".utf8)) }
        #expect(error?.status == .badRequest)
        #expect(error?.code == "invalid_json")
    }

    @Test func wrongTypeIs422NamingTheField() throws {
        let body = try JSONBody.parse(Array(#"{"name": 5}"#.utf8))
        let error = errorBody { _ = try body.requiredString("name") }
        #expect(error?.status == .unprocessableContent)
        #expect(error?.body["errors"]?.arrayValue?.first?["field"] == "name")
        #expect(error?.body["errors"]?.arrayValue?.first?["code"] == "invalid_type")
    }

    @Test func nullMeansClearAndAbsenceMeansKeep() throws {
        let body = try JSONBody.parse(Array(#"{"external_id": null}"#.utf8))
        let cleared = try body.update("external_id", body.string)
        let kept = try body.update("metadata", body.objectValue)
        #expect(cleared.applied(to: "old") == nil)
        #expect(kept.applied(to: ["a": "b"]) == ["a": "b"])
    }

    @Test func metadataLimits() {
        var many = JSONObject()
        for index in 0..<51 { many["k\(index)"] = "v" }
        #expect(errorBody { _ = try Metadata.validate(many) }?.code == "invalid_metadata")
        #expect(errorBody { _ = try Metadata.validate(["k": 1]) }?.code == "invalid_metadata")
        #expect(errorBody { _ = try Metadata.validate(["k": "v"]) } == nil)
    }
}
