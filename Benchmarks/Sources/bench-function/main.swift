import BenchSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

let usage = """
    Usage: bench-function --bootstrap PATH --instant FILE --timed FILE
                          [--runs N] [--timed-runs N] [--log FILE]
      Runs the release bootstrap against the sandbox and prints Markdown table rows:
      start-up and idle peak memory (N runs), peak memory and CPU per finding for FILE's
      event with instant investigations (N runs), wall time of the timed FILE at
      INVESTIGATION_CONCURRENCY 1 and 5 (--timed-runs runs each). Exits 1 when a run fails.
    """

var options: [String: String] = [:]
var arguments = Array(CommandLine.arguments.dropFirst())[...]
while let name = arguments.popFirst() {
    guard
        ["--bootstrap", "--instant", "--timed", "--runs", "--timed-runs", "--log"].contains(name),
        let value = arguments.popFirst()
    else {
        ResultTable.note(usage)
        exit(2)
    }
    options[name] = value
}
guard let bootstrap = options["--bootstrap"], let instantPath = options["--instant"],
    let timedPath = options["--timed"], let runs = Int(options["--runs"] ?? "10"),
    let timedRuns = Int(options["--timed-runs"] ?? "3"), runs > 0, timedRuns > 0
else {
    ResultTable.note(usage)
    exit(2)
}

do {
    let instant = try Scenario(contentsOfFile: instantPath)
    let timed = try Scenario(contentsOfFile: timedPath)
    let bench = FunctionBench(
        bootstrap: bootstrap, logPath: options["--log"] ?? "/tmp/bench-bootstrap-\(getpid()).log",
        runs: runs, timedRuns: timedRuns)
    ResultTable.note("bench-function: start-up and idle, \(runs) runs")
    let idleCPU = try bench.idle(instant)
    ResultTable.note("bench-function: \(instant.name), \(runs) runs")
    try bench.instantEvent(instant, idleCPU: idleCPU)
    ResultTable.note("bench-function: \(timed.name), \(timedRuns) runs at each concurrency")
    try bench.timedEvent(timed)
} catch {
    ResultTable.note("bench-function: \(error)")
    exit(1)
}
