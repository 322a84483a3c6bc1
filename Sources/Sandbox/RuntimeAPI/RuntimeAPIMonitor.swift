#if canImport(Glibc)
    import Glibc
#endif

/// A mutex with a condition variable, so the emulator's handlers can block in a long poll
/// and tests can wait for results without spinning.
final class RuntimeAPIMonitor: @unchecked Sendable {
    // The pthread objects live at fixed addresses for the monitor's lifetime; every access goes
    // through `locked`, which is what makes the class safe to share.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Wakes every waiter; call after changing state.
    func broadcast() {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Holding the lock, waits until `ready` gives a value or `timeout` passes (nil: forever).
    func wait<T>(timeout: Duration?, until ready: () -> T?) -> T? {
        let limit = timeout.map { Self.wallClock(after: $0) }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let value = ready() { return value }
            if var limit {
                if pthread_cond_timedwait(condition, mutex, &limit) == ETIMEDOUT {
                    return ready()
                }
            } else {
                pthread_cond_wait(condition, mutex)
            }
        }
    }

    /// Wakes waiters while already holding the lock (inside `locked`).
    func signalHoldingLock() {
        pthread_cond_broadcast(condition)
    }

    private static func wallClock(after duration: Duration) -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let (seconds, attoseconds) = duration.components
        var nanoseconds = Int(now.tv_nsec) + Int(attoseconds / 1_000_000_000)
        var wholeSeconds = Int(now.tv_sec) + Int(seconds)
        if nanoseconds >= 1_000_000_000 {
            nanoseconds -= 1_000_000_000
            wholeSeconds += 1
        }
        return timespec(tv_sec: wholeSeconds, tv_nsec: nanoseconds)
    }
}
