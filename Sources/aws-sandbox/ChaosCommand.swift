import Dispatch
import Sandbox
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `aws-sandbox chaos`: scenarios run many times under seeded random faults, with every
/// finding's fate counted.
enum ChaosCommand {
    static let usage = """
          aws-sandbox chaos --scenario FILE [--scenario FILE ...] --bootstrap PATH
                            [--runs N] [--seed S] [--intensity none|low|medium|high] [--jobs J]
                            [--log-dir DIR]
              Runs each scenario N times (default 10) with random faults drawn from seed S
              (random when absent; printed either way), through the real bootstrap, and prints
              how each finding ended: written back with its outcome, retried through the
              Runtime API error path, or lost. Exits 1 when a finding was lost. Each run's
              seed is printed; --seed with it and --runs 1 replays that run's faults.
              --intensity none adds no faults: the scenario's own, judged the same way.
              --jobs J runs J at once (default 1), each against its own sandbox.
        """

    private struct Options {
        var scenarioPaths: [String] = []
        var bootstrap: String?
        var runs = 10
        var seed: UInt64?
        var intensity = ChaosIntensity.medium
        var logDirectory: String?
        var jobs = 1
    }

    /// Runs the subcommand with the arguments after `chaos`; never returns.
    static func main(_ arguments: [String]) -> Never {
        let options = parse(arguments)
        guard let bootstrap = options.bootstrap else { fail("chaos needs --bootstrap PATH") }
        guard !options.scenarioPaths.isEmpty else { fail("chaos needs --scenario FILE") }
        var scenarios: [(path: String, scenario: Scenario)] = []
        for path in options.scenarioPaths {
            do {
                scenarios.append((path, try Scenario(contentsOfFile: path)))
            } catch {
                fail("\(path): \(error)")
            }
        }
        let seed = options.seed ?? SystemRandomNumberGenerator().nextSeed()
        let logDirectory = options.logDirectory ?? "/tmp/aws-sandbox-chaos-\(getpid())"
        mkdir(logDirectory, 0o700)

        say(
            "chaos: seed \(seed), \(options.runs) run(s) per scenario, intensity "
                + "\(options.intensity.rawValue); bootstrap logs of runs that lost a finding, "
                + "stopped or answered late are kept in "
                + logDirectory)
        let seeds = ChaosRun.seeds(from: seed, count: options.runs * scenarios.count)
        var runs: [PlannedRun] = []
        for (index, entry) in scenarios.enumerated() {
            for run in 0..<options.runs {
                let runSeed = seeds[index * options.runs + run]
                runs.append(
                    PlannedRun(
                        scenarioIndex: index, number: run + 1, scenario: entry.scenario,
                        plan: ChaosPlan(
                            seed: runSeed, scenario: entry.scenario,
                            intensity: options.intensity),
                        logPath: "\(logDirectory)/\(entry.scenario.name)-\(runSeed).log",
                        replay: "aws-sandbox chaos --scenario \(entry.path) --bootstrap "
                            + "\(bootstrap) --seed \(runSeed) --runs 1 --intensity "
                            + options.intensity.rawValue))
            }
        }
        let results = perform(runs, of: options.runs, bootstrap: bootstrap, jobs: options.jobs)

        var rows = scenarios.map { (name: $0.scenario.name, tally: ChaosTally()) }
        var replays: [String] = []
        for (run, result) in zip(runs, results) {
            rows[run.scenarioIndex].tally.add(result)
            if !result.lost.isEmpty { replays.append(run.replay) }
        }

        say("")
        say("Fault figures (seed \(seed), intensity \(options.intensity.rawValue)):")
        ChaosTally.table(rows).forEach(say)
        say("")
        say(
            "retried: the invocation failed through the Runtime API error path, so Lambda "
                + "retries the event and its dead-letter queue keeps it; late: invocations "
                + "answered after their deadline; faults: requests an injected fault hit.")
        rmdir(logDirectory)
        guard replays.isEmpty else {
            say("")
            say("LOST findings in \(replays.count) run(s); replay with:")
            replays.forEach { say("  " + $0) }
            exit(1)
        }
        exit(0)
    }

    /// One run to do, with everything needed to report it.
    private struct PlannedRun: Sendable {
        var scenarioIndex: Int
        var number: Int
        var scenario: Scenario
        var plan: ChaosPlan
        var logPath: String
        var replay: String
    }

    /// Runs `runs`, `jobs` at a time, printing each as it ends; results in `runs` order.
    private static func perform(
        _ runs: [PlannedRun], of perScenario: Int, bootstrap: String, jobs: Int
    ) -> [ChaosRunResult] {
        let next = Atomic<Int>(0)
        let finished = Mutex<[Int: ChaosRunResult]>([:])
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < runs.count else { return }
                let run = runs[index]
                let clock = ContinuousClock()
                let started = clock.now
                let result = ChaosRun.run(
                    run.scenario, plan: run.plan, bootstrapPath: bootstrap,
                    logPath: run.logPath)
                let seconds = (clock.now - started).components.seconds
                var lines = [
                    "\(run.scenario.name) run \(run.number)/\(perScenario), seed "
                        + "\(run.plan.seed): \(run.plan.summary)",
                    "  \(describe(result)), \(seconds) s",
                ]
                if !result.lost.isEmpty || result.abortReason != nil || result.lateInvocations > 0 {
                    for lost in result.lost {
                        if case .lost(let reason) = lost.fate {
                            lines.append("  LOST event \(lost.event) \(lost.findingID): \(reason)")
                        }
                    }
                    lines.append("  bootstrap log: \(run.logPath)")
                    lines.append("  replay: \(run.replay)")
                } else {
                    unlink(run.logPath)
                }
                finished.withLock {
                    $0[index] = result
                    say(lines.joined(separator: "\n"))
                }
            }
        }
        let all = finished.withLock { $0 }
        return runs.indices.compactMap { all[$0] }
    }

    private static func describe(_ result: ChaosRunResult) -> String {
        var counts: [String: Int] = [:]
        var retried = 0
        for fate in result.fates {
            switch fate.fate {
            case .written(let outcome): counts[outcome, default: 0] += 1
            case .retried: retried += 1
            case .lost: break
            }
        }
        var parts = counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)" }
        parts.append("retried \(retried)")
        parts.append("lost \(result.lost.count)")
        if let overrun = result.longestOverrunSeconds {
            let milliseconds = Int((overrun * 1000).rounded(.up))
            parts.append("late \(result.lateInvocations) (by up to \(milliseconds) ms)")
        }
        parts.append("faults fired \(result.faultsFired)")
        if !result.violations.isEmpty { parts.append("violations \(result.violations.count)") }
        if let abort = result.abortReason { parts.append("stopped: \(abort)") }
        return parts.joined(separator: ", ")
    }

    private static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--help" || name == "-h" {
                say(usage)
                exit(0)
            }
            guard index + 1 < arguments.count else { fail("\(name) needs a value") }
            let value = arguments[index + 1]
            switch name {
            case "--scenario": options.scenarioPaths.append(value)
            case "--bootstrap": options.bootstrap = value
            case "--log-dir": options.logDirectory = value
            case "--jobs":
                guard let jobs = Int(value), (1...16).contains(jobs) else {
                    fail("--jobs must be 1…16")
                }
                options.jobs = jobs
            case "--runs":
                guard let runs = Int(value), (1...10_000).contains(runs) else {
                    fail("--runs must be 1…10000")
                }
                options.runs = runs
            case "--seed":
                guard let seed = UInt64(value) else { fail("--seed must be 0…2^64-1") }
                options.seed = seed
            case "--intensity":
                guard let intensity = ChaosIntensity(rawValue: value) else {
                    fail("--intensity must be none, low, medium or high")
                }
                options.intensity = intensity
            default:
                fail("unknown argument \(name)\n\(usage)")
            }
            index += 2
        }
        return options
    }
}

extension SystemRandomNumberGenerator {
    /// A fresh seed, kept below 2^53 so it reads and types back easily.
    func nextSeed() -> UInt64 {
        var generator = self
        return generator.next() >> 11
    }
}
