import Testing

@testable import Enrichment

@Suite("ASFF and Detective timestamps")
struct TimestampTests {
    @Test("parses the forms ASFF uses and writes UTC with milliseconds")
    func parsesForms() throws {
        let cases: [(String, String)] = [
            ("2019-06-12T15:11:20Z", "2019-06-12T15:11:20.000Z"),
            ("2019-06-12T15:34:50.346Z", "2019-06-12T15:34:50.346Z"),
            ("2025-04-28T11:14:53.172000+00:00", "2025-04-28T11:14:53.172Z"),
            ("2025-04-28T13:14:53.1+02:00", "2025-04-28T11:14:53.100Z"),
            ("2025-01-01T00:30:00-0130", "2025-01-01T02:00:00.000Z"),
            ("2024-02-29T23:59:59.9999Z", "2024-02-29T23:59:59.999Z"),
        ]
        for (text, expected) in cases {
            let time = try #require(Timestamp(iso8601: text), "\(text)")
            #expect(time.iso8601 == expected)
        }
    }

    @Test("knows the epoch and days before it")
    func epoch() {
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00Z")?.milliseconds == 0)
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(milliseconds: 1_764_782_976_123).iso8601 == "2025-12-03T17:29:36.123Z")
    }

    @Test("rejects what is not an ISO 8601 date-time")
    func rejects() {
        let bad = [
            "", "2019-06-12", "2019-06-12 15:11:20Z", "2019-06-12T15:11:20", "2019-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z", "2019-06-12T24:00:00Z", "2019-06-12T15:11:20.Z",
            "2019-06-12T15:11:20Zjunk", "1560354029.052", "2019-06-12T15:11:20+2",
        ]
        for text in bad {
            #expect(Timestamp(iso8601: text) == nil, "\(text)")
        }
    }
}
