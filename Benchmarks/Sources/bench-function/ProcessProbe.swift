import BenchSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What the kernel accounted to a process that has ended.
struct ProcessUsage {
    /// User plus system CPU time, in seconds, of every thread the process ever had.
    var cpuSeconds: Double
    /// The exit status (128 plus the signal for a signalled process).
    var exitStatus: Int32
}

/// Reads `/proc/PID/status` and reaps processes with their resource usage.
enum ProcessProbe {
    /// A `kB` field of `/proc/PID/status` (such as `VmHWM`), in bytes.
    static func statusBytes(pid: pid_t, field: String) throws(BenchError) -> Double {
        let text = try readFile("/proc/\(pid)/status")
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let kilobytes = Double(parts[1]) {
                return kilobytes * 1024
            }
        }
        throw BenchError("\(field) missing from /proc/\(pid)/status")
    }

    /// Sends SIGTERM and reaps the process with `wait4`, which accounts CPU to the microsecond
    /// (the ticks of `/proc/PID/stat` are 10 ms, too coarse for a few ms of work).
    static func terminateAndReap(pid: pid_t, grace: Duration = .seconds(3)) throws(BenchError)
        -> ProcessUsage
    {
        kill(pid, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 { throw BenchError("wait4(\(pid)) failed: errno \(errno)") }
            if clock.now > deadline {
                kill(pid, SIGKILL)
                wait4(pid, &status, 0, &usage)
                throw BenchError("bootstrap \(pid) did not exit within \(grace) of SIGTERM")
            }
            usleep(1000)
        }
        let signal = status & 0x7F
        let exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return ProcessUsage(
            cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime), exitStatus: exitStatus)
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    private static func readFile(_ path: String) throws(BenchError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchError("cannot open \(path): errno \(errno)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
