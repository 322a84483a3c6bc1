import Synchronization

@testable import Enrichment

/// Clocks that move only when the code under test sleeps, so waits take no real time.
final class TestClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Mutex<Duration>(.zero)
    private let sleeps = Mutex<[Duration]>([])
    /// Wall-clock time when the test began.
    let wallStart: Timestamp

    init(wall: String = "2026-12-03T17:00:00.000Z") {
        wallStart = Timestamp(iso8601: wall) ?? Timestamp(milliseconds: 0)
    }

    var now: ContinuousClock.Instant { start + elapsed.withLock { $0 } }

    /// Every wait the code asked for, in order.
    var waits: [Duration] { sleeps.withLock { $0 } }

    /// An instant `seconds` after the test's start.
    func deadline(inSeconds seconds: Double) -> ContinuousClock.Instant {
        start + .seconds(seconds)
    }

    var environment: EnrichmentEnvironment {
        EnrichmentEnvironment(
            now: { [self] in now },
            wallClock: { [self] in
                let passed = elapsed.withLock { $0 }
                let milliseconds =
                    passed.components.seconds * 1000
                    + passed.components.attoseconds / 1_000_000_000_000_000
                return Timestamp(milliseconds: wallStart.milliseconds + milliseconds)
            },
            sleep: { [self] duration in
                sleeps.withLock { $0.append(duration) }
                elapsed.withLock { $0 += duration }
            },
            random: { 1 })
    }
}
