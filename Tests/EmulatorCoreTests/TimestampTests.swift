import EmulatorCore
import Foundation
import Testing

@Suite struct TimestampTests {
    /// The C library's calendar (proleptic Gregorian, like the wire format) as the oracle. Foundation's
    /// formatter is not one: it switches to the Julian calendar before 1582 and truncates milliseconds.
    private static func reference(_ millis: Int64) -> String {
        var seconds = time_t((millis - ((millis % 1000) + 1000) % 1000) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, Int32(((millis % 1000) + 1000) % 1000))
    }

    @Test func formatsLikeTheCLibraryAcrossCenturiesLeapDaysAndTheEpoch() {
        let fixed: [Int64] = [0, -1, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -62_135_596_800_000,
                              253_402_300_799_999, 1_767_225_599_999, -2_208_988_800_001]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2000).map { _ in Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator) }
        for millis in fixed + random {
            #expect(Timestamp.format(Date(unixMilliseconds: millis)) == Self.reference(millis), "\(millis)")
        }
    }

    @Test func roundsToTheMillisecondAndParsesBack() throws {
        let date = Date(timeIntervalSince1970: 1_767_225_600.123_6)
        #expect(Timestamp.format(date) == "2026-01-01T00:00:00.124Z")
        #expect(try #require(Timestamp.parse(Timestamp.format(date))).unixMilliseconds == 1_767_225_600_124)
    }

    @Test func yearsBeyondFourDigitsStillFormat() {
        #expect(!Timestamp.format(Date(timeIntervalSince1970: 400_000_000_000)).isEmpty)
    }
}
