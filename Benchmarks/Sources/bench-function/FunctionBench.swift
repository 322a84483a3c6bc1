import BenchSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// The function's figures: start-up, peak memory, CPU per finding, wall time per concurrency.
struct FunctionBench {
    /// The release `bootstrap` measured.
    var bootstrap: String
    /// Where the function's own output goes.
    var logPath: String
    /// Runs of each start-up and instant-event figure.
    var runs: Int
    /// Runs of each timed figure (each run waits for 20 investigations).
    var timedRuns: Int

    // Long enough for any start-up work left after the first poll to finish, so the idle
    // figure is the steady state the event run starts from.
    private static let idlePause: useconds_t = 200_000
    private static let bytesPerMB = 1_000_000.0

    /// Start-up, idle peak and the idle process's CPU; rows printed as measured.
    func idle(_ scenario: Scenario) throws(BenchError) -> Samples {
        var startup: [Double] = []
        var peak: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let function = try MeasuredBootstrap(scenario, bootstrap: bootstrap, logPath: logPath)
            usleep(Self.idlePause)
            let bytes = try function.peakBytes()
            let usage = try function.stop()
            startup.append(function.startupSeconds * 1000)
            peak.append(bytes / Self.bytesPerMB)
            cpu.append(usage.cpuSeconds * 1000)
        }
        ResultTable.print(
            ResultTable.row(
                "start-up: launch to first `GET next`", unit: "ms", Samples(startup),
                target: Target(below: 10)))
        ResultTable.print(
            ResultTable.row(
                "peak memory idle (VmHWM)", unit: "MB", Samples(peak), decimals: 1,
                target: Target(below: 10)))
        ResultTable.print(
            ResultTable.row("CPU of an idle run: start, wait, SIGTERM", unit: "ms", Samples(cpu)))
        return Samples(cpu)
    }

    /// Peak memory and CPU per finding over the scenario's events, less the idle run's CPU.
    func instantEvent(_ scenario: Scenario, idleCPU: Samples) throws(BenchError) {
        let findings = Double(scenario.events.flatMap(\.findingIDs).count)
        var peak: [Double] = []
        var perFinding: [Double] = []
        for _ in 0..<runs {
            let function = try MeasuredBootstrap(scenario, bootstrap: bootstrap, logPath: logPath)
            usleep(Self.idlePause)
            try function.sendEvents()
            let bytes = try function.peakBytes()
            let usage = try function.stop()
            peak.append(bytes / Self.bytesPerMB)
            perFinding.append((usage.cpuSeconds * 1000 - idleCPU.median) / findings)
        }
        let count = Int(findings)
        ResultTable.print(
            ResultTable.row(
                "peak memory, event of \(count) findings (VmHWM)", unit: "MB", Samples(peak),
                decimals: 1, target: Target(below: 20)))
        ResultTable.print(
            ResultTable.row(
                "handler CPU per finding, instant investigations", unit: "ms",
                Samples(perFinding), decimals: 3, target: Target(below: 2)))
    }

    /// Wall time of the scenario's events at concurrency 1 and 5, and their ratio.
    func timedEvent(_ scenario: Scenario) throws(BenchError) {
        let count = scenario.events.flatMap(\.findingIDs).count
        var serial: [Double] = []
        var parallel: [Double] = []
        for _ in 0..<timedRuns {
            serial.append(try wallSeconds(scenario, concurrency: 1))
            parallel.append(try wallSeconds(scenario, concurrency: 5))
        }
        let what = "wall, \(count) findings, investigations RUNNING 1 s"
        ResultTable.print(
            ResultTable.row("\(what), concurrency 1", unit: "s", Samples(serial)))
        ResultTable.print(
            ResultTable.row("\(what), concurrency 5", unit: "s", Samples(parallel)))
        let ratios = zip(serial, parallel).map { $0 / $1 }
        ResultTable.print(
            ResultTable.row("speed-up, concurrency 5 over 1", unit: "x", Samples(ratios)))
    }

    // From queueing the event to the function's response, with the function already polling.
    private func wallSeconds(_ scenario: Scenario, concurrency: Int) throws(BenchError) -> Double {
        var scenario = scenario
        scenario.environment["INVESTIGATION_CONCURRENCY"] = String(concurrency)
        let function = try MeasuredBootstrap(scenario, bootstrap: bootstrap, logPath: logPath)
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try function.sendEvents()
        } catch {
            _ = try? function.stop()
            throw error
        }
        let elapsed = clock.now - started
        _ = try function.stop()
        let parts = elapsed.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
