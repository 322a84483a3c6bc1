import Testing

@testable import Sandbox

@Suite("ISO 8601 timestamps as AWS writes them")
struct TimestampTests {
    @Test("known instants parse to seconds since 1970")
    func parse() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.parse("2024-02-29T12:30:15.250Z") == 1_709_209_815.25)
        #expect(Timestamp.parse("2024-02-29T14:30:15+02:00") == 1_709_209_815)
    }

    @Test(
        "text that is not an ISO 8601 date-time is refused",
        arguments: [
            "1714521600", "2024-02-30T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z", "",
        ])
    func refuse(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("format writes milliseconds and Z, and parses back")
    func roundTrip() {
        #expect(Timestamp.format(1_709_209_815.25) == "2024-02-29T12:30:15.250Z")
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00.000Z")
        for seconds in [951_782_400.0, 1_234_567_890.123, 4_102_444_800] {
            #expect(
                Timestamp.parse(Timestamp.format(seconds)) == (seconds * 1000).rounded(.down) / 1000
            )
        }
    }
}
