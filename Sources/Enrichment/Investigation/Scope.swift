/// The time window an investigation covers.
struct Scope: Sendable, Hashable {
    var start: Timestamp
    var end: Timestamp

    /// How far before the present the scope ends: Detective has not yet seen the latest events.
    static let endLagSeconds: Double = 5 * 60

    /// The window for one finding: its first observation minus the lookback, to now minus five
    /// minutes; a start not before the end becomes the end minus the lookback.
    static func start(
        observedAt: Timestamp?, end: Timestamp, lookbackHours: Double
    ) -> Timestamp {
        let lookback = lookbackHours * 3600
        guard let observedAt else { return end.adding(seconds: -lookback) }
        let start = observedAt.adding(seconds: -lookback)
        return start < end ? start : end.adding(seconds: -lookback)
    }

    /// The end of every scope started at `now`.
    static func end(now: Timestamp) -> Timestamp {
        now.adding(seconds: -endLagSeconds)
    }

    init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }

    /// The scope from the earliest of `starts` to `end`, cut to at most `maxScopeDays`.
    init(starts: [Timestamp], end: Timestamp, maxScopeDays: Int) {
        let earliest = starts.min() ?? end
        let longest = end.adding(seconds: -Double(maxScopeDays) * 86_400)
        self.start = max(earliest, longest)
        self.end = end
    }

    /// The length in hours, as the note states it.
    var hours: Double {
        end.seconds(since: start) / 3600
    }
}
