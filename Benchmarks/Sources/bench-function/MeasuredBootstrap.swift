import BenchSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// The real `bootstrap` started against a fresh sandbox, polling the Runtime API.
struct MeasuredBootstrap {
    /// The sandbox the function talks to.
    let host: SandboxHost
    /// The function's process.
    let child: ChildProcess
    /// From just before the spawn to the Runtime API seeing the first `GET next`, in seconds.
    let startupSeconds: Double

    /// Serves `scenario`, starts `bootstrap` against it and waits for its first `GET next`.
    init(_ scenario: Scenario, bootstrap: String, logPath: String) throws(BenchError) {
        do {
            host = try SandboxHost(scenario: scenario)
        } catch {
            throw BenchError("the sandbox could not start: \(error)")
        }
        var environment = host.functionEnvironment
        for name in ["PATH", "LANG", "TZ"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }

        // The launch time includes posix_spawn itself, so start-up is slightly overstated.
        let launched = Self.epochNanosecondsNow()
        do {
            child = try ChildProcess(path: bootstrap, environment: environment, logPath: logPath)
        } catch {
            host.shutdown()
            throw BenchError(error.description)
        }
        guard
            let polls = host.runtime.emulator.waitForNextRequests(count: 1, timeout: .seconds(10)),
            let firstPoll = polls.first
        else {
            _ = try? ProcessProbe.terminateAndReap(pid: child.pid)
            host.shutdown()
            throw BenchError("bootstrap did not poll the Runtime API within 10 s; see \(logPath)")
        }
        startupSeconds = Double(firstPoll - launched) / 1_000_000_000
    }

    /// The process's peak resident set so far (`VmHWM`), in bytes.
    func peakBytes() throws(BenchError) -> Double {
        try ProcessProbe.statusBytes(pid: child.pid, field: "VmHWM")
    }

    /// Sends every event of the scenario and fails unless every expectation held.
    func sendEvents() throws(BenchError) {
        let report = ScenarioRun.drive(host, child: child) { _ in }
        guard report.passed else {
            throw BenchError(
                (["the scenario \(host.scenario.name) did not pass:"] + report.rendered())
                    .joined(separator: "\n"))
        }
    }

    /// Stops the function (SIGTERM, which must exit 0) and the sandbox; returns the CPU used.
    func stop() throws(BenchError) -> ProcessUsage {
        defer { host.shutdown() }
        let usage = try ProcessProbe.terminateAndReap(pid: child.pid)
        guard usage.exitStatus == 0 else {
            throw BenchError("bootstrap exited \(usage.exitStatus) after SIGTERM")
        }
        return usage
    }

    private static func epochNanosecondsNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
