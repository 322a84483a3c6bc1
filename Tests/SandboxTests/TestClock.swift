import Synchronization

@testable import Sandbox

/// A wall clock that moves only when told.
final class TestClock: Sendable {
    private let seconds = Mutex<Double>(1_714_600_000)

    var clock: WallClock {
        { [self] in seconds.withLock { $0 } }
    }

    func advance(_ delta: Double) {
        seconds.withLock { $0 += delta }
    }
}
