import FoundationEssentials

/// The clocks, sleep and randomness the enrichment uses; tests replace them to run fast.
struct EnrichmentEnvironment: Sendable {
    /// The monotonic instant deadlines are measured against.
    var now: @Sendable () -> ContinuousClock.Instant
    /// Wall-clock time, for investigation scopes and reuse windows.
    var wallClock: @Sendable () -> Timestamp
    /// Waits `duration`; throws when the task is cancelled.
    var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0...1 for retry jitter.
    var random: @Sendable () -> Double

    /// Real clocks and sleep.
    static let live = EnrichmentEnvironment(
        now: { ContinuousClock.now },
        wallClock: {
            Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        },
        sleep: { duration in try await Task.sleep(for: duration) },
        random: { Double.random(in: 0...1) })

    /// Seconds left until `instant`; negative once it has passed.
    func seconds(until instant: ContinuousClock.Instant) -> Double {
        let left = now().duration(to: instant)
        return Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
    }
}
