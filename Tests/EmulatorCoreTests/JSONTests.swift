import EmulatorCore
import Testing

@Suite struct JSONTests {
    @Test func encodesKeysInOrderWithNulls() {
        let value: JSON = ["object": "thing", "id": "x_1", "missing": nil, "n": 3, "ok": true, "list": [1, "a"]]
        #expect(value.text == #"{"object":"thing","id":"x_1","missing":null,"n":3,"ok":true,"list":[1,"a"]}"#)
    }

    @Test func escapesStrings() throws {
        let value: JSON = .string("quote \" slash \\ newline \n tab \t bell \u{07} é")
        #expect(value.text == #""quote \" slash \\ newline \n tab \t bell \u0007 é""#)
        #expect(try JSON.parse(value.text) == value)
    }

    @Test func parsesEveryKind() throws {
        let parsed = try JSON.parse(#"{"b":true,"a":1,"c":1.5,"d":null,"e":"s","f":[{}]}"#)
        #expect(parsed["a"] == .int(1))
        #expect(parsed["b"] == .bool(true))
        #expect(parsed["c"] == .double(1.5))
        #expect(parsed["d"] == .null)
        #expect(parsed["e"] == .string("s"))
        #expect(parsed["f"] == .array([.object([:])]))
    }

    @Test func rejectsMalformedText() {
        #expect(throws: (any Error).self) { try JSON.parse("{\"a\":") }
    }
}
