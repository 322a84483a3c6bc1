import Testing

@testable import Enrichment

@Suite("The investigation scope")
struct ScopeTests {
    private let now = Timestamp(iso8601: "2026-12-03T17:00:00Z")!

    private func time(_ text: String) throws -> Timestamp {
        try #require(Timestamp(iso8601: text))
    }

    @Test("starts the lookback before the first observation and ends five minutes ago")
    func ordinary() throws {
        let end = Scope.end(now: now)
        #expect(end.iso8601 == "2026-12-03T16:55:00.000Z")
        let start = Scope.start(
            observedAt: try time("2026-12-02T10:30:00.250Z"), end: end, lookbackHours: 24)
        let scope = Scope(starts: [start], end: end, maxScopeDays: 30)
        #expect(scope.start.iso8601 == "2026-12-01T10:30:00.250Z")
        #expect(scope.end.iso8601 == "2026-12-03T16:55:00.000Z")
    }

    @Test("a fractional lookback is honoured")
    func fractionalLookback() throws {
        let end = Scope.end(now: now)
        let start = Scope.start(
            observedAt: try time("2026-12-03T12:00:00Z"), end: end, lookbackHours: 1.5)
        #expect(start.iso8601 == "2026-12-03T10:30:00.000Z")
    }

    @Test("a start not before the end becomes the end minus the lookback")
    func futureObservation() throws {
        let end = Scope.end(now: now)
        let start = Scope.start(
            observedAt: try time("2026-12-04T12:00:00Z"), end: end, lookbackHours: 2)
        #expect(start.iso8601 == "2026-12-03T14:55:00.000Z")
        let none = Scope.start(observedAt: nil, end: end, lookbackHours: 2)
        #expect(none == start)
    }

    @Test("a scope longer than the maximum starts that many days before its end")
    func longestScope() throws {
        let end = Scope.end(now: now)
        let start = Scope.start(
            observedAt: try time("2019-06-12T15:11:20Z"), end: end, lookbackHours: 24)
        let scope = Scope(starts: [start], end: end, maxScopeDays: 30)
        #expect(scope.start.iso8601 == "2026-11-03T16:55:00.000Z")
        #expect(scope.hours == 720)
    }

    @Test("findings about one entity share the earliest start")
    func earliestStart() throws {
        let end = Scope.end(now: now)
        let starts = try ["2026-12-02T00:00:00Z", "2026-11-30T08:00:00Z", "2026-12-01T00:00:00Z"]
            .map { try time($0) }
        let scope = Scope(starts: starts, end: end, maxScopeDays: 30)
        #expect(scope.start.iso8601 == "2026-11-30T08:00:00.000Z")
    }

    @Test("FirstObservedAt first, then CreatedAt, then ProcessedAt")
    func observationOrder() throws {
        let base = try Fixtures.modernFinding()
        var finding = try Finding(json: base)
        #expect(finding.observedAt?.iso8601 == "2025-04-10T10:39:20.495Z")
        finding = try Finding(json: base.removing(["FirstObservedAt"]))
        #expect(finding.observedAt?.iso8601 == "2025-04-10T10:40:32.529Z")
        finding = try Finding(json: base.removing(["FirstObservedAt"]).removing(["CreatedAt"]))
        #expect(finding.observedAt?.iso8601 == "2025-04-10T10:45:24.985Z")
    }
}
