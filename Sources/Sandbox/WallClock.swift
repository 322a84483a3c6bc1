#if canImport(Glibc)
    import Glibc
#endif

/// The wall clock, in seconds since 1970; a closure so tests can move time.
public typealias WallClock = @Sendable () -> Double

/// The system's real-time clock.
public let systemWallClock: WallClock = {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}
