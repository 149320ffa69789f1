import EmulatorCore
import Testing

@Suite struct QueryParametersTests {
    @Test func formEncodingIsDecoded() throws {
        // httpx, under the Python SDK and SCIM clients, encodes spaces as `+`.
        let query = QueryParameters(query: "search=Foo+Corp&filter=userName+eq+%22a%2Bb%40acme.com%22&empty=&flag")
        #expect(query.string("search") == "Foo Corp")
        #expect(query.string("filter") == "userName eq \"a+b@acme.com\"")
        #expect(query.string("empty") == nil)
        #expect(query.string("flag") == nil)
    }

    @Test func listsAreCommaJoinedRepeatedOrBracketed() {
        let query = QueryParameters(query: "domains=a.com,b.com&domains=c.com&events%5B%5D=x")
        #expect(query.list("domains") == ["a.com", "b.com", "c.com"])
        #expect(query.list("events") == ["x"])
    }
}
