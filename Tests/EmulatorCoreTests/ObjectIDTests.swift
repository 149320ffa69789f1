import EmulatorCore
import Foundation
import Testing

@Suite struct ObjectIDTests {
    @Test func prefixedULIDShape() {
        let id = ObjectID.make("org", at: Date())
        #expect(id.hasPrefix("org_"))
        let ulid = id.dropFirst(4)
        #expect(ulid.count == 26)
        #expect(ulid.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
    }

    @Test func idsOfOneMillisecondIncrease() {
        let now = Date()
        let generator = ObjectIDGenerator()
        let ids = (0..<1000).map { _ in generator.ulid(at: now) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsFollowTheirInstant() {
        let generator = ObjectIDGenerator()
        let earlier = generator.ulid(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = generator.ulid(at: Date(timeIntervalSince1970: 1_700_000_000.001))
        #expect(earlier < later)
        // The time part is the instant's milliseconds in Crockford base-32.
        #expect(generator.ulid(at: Date(timeIntervalSince1970: 0)).hasPrefix("0000000000"))
    }
}
