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

    @Test func sortsKeysAndKeepsTheLastOfARepeatedKey() throws {
        #expect(try JSON.parse(#"{"b":1,"a":2,"b":3}"#).text == #"{"a":2,"b":3}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSON.parse(#""a\u00e9\ud83d\ude00\/\b\f\r""#) == .string("a\u{e9}\u{1F600}/\u{08}\u{0C}\r"))
        #expect(throws: (any Error).self) { try JSON.parse(#""\ud83d""#) }
        #expect(throws: (any Error).self) { try JSON.parse(#""\x""#) }
    }

    @Test func readsNumbersAsIntegersWhenTheyFit() throws {
        #expect(try JSON.parse("-0") == .int(0))
        #expect(try JSON.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSON.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSON.parse("1.0") == .double(1))
        #expect(try JSON.parse("2E3") == .double(2000))
        for bad in ["01", "1.", ".5", "-", "1e", "1e400", "+1"] {
            #expect(throws: (any Error).self, "\(bad)") { try JSON.parse(bad) }
        }
    }

    @Test func refusesWhatStrictJSONRefuses() {
        let refused = ["", " ", "{", "[1,]", "{\"a\" 1}", "{a:1}", "tru", "nul", "[1] x", "\"tab\tinside\"",
                       "\"unterminated", "{\"a\":1,}", "'s'"]
        for text in refused {
            #expect(throws: (any Error).self, "\(text)") { try JSON.parse(text) }
        }
        #expect(throws: (any Error).self) { try JSON.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func refusesNestingDeeperThanTheLimitInsteadOfRecursing() throws {
        #expect(try JSON.parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) != .null)
        #expect(throws: (any Error).self) { try JSON.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func acceptsWhitespaceAroundEveryToken() throws {
        #expect(try JSON.parse(" \n{ \"a\" :\t[ 1 , true , null ] }\r\n") == ["a": [1, true, nil]])
    }
}
