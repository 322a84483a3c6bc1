import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

let usage = """
    Usage:
      aws-sandbox --scenario FILE [--port N]
          Serves the Lambda Runtime API, Detective and Security Hub on 127.0.0.1 for FILE,
          prints the environment to start bootstrap with, and sends the scenario's events
          as bootstrap polls for them. Ctrl-C stops it.
      aws-sandbox run --scenario FILE --bootstrap PATH [--port N] [--log FILE]
          Also starts PATH with that environment, sends every event, prints what was written
          back, and exits 0 only when every expected outcome happened without violations
          (1 otherwise, 2 for bad arguments).
    \(ChaosCommand.usage)
      --port N puts the Runtime API on N, Detective on N+1 and Security Hub on N+2;
      without it the system picks free ports. Scenarios: scenarios/README.md.
    """

/// Writes `text` and a newline to `descriptor` at once, unbuffered, so progress shows live.
@Sendable func writeLine(_ text: String, to descriptor: Int32) {
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes {
            write(descriptor, $0.baseAddress, $0.count)
        }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
    }
}

/// Prints one line on standard output.
@Sendable func say(_ line: String) {
    writeLine(line, to: 1)
}

/// Prints `message` on standard error and exits with status 2.
func fail(_ message: String) -> Never {
    writeLine("aws-sandbox: \(message)", to: 2)
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "chaos" { ChaosCommand.main(Array(arguments.dropFirst())) }
let running = arguments.first == "run"
if running { arguments.removeFirst() }

var options: [String: String] = [:]
var index = 0
while index < arguments.count {
    let name = arguments[index]
    guard ["--scenario", "--port", "--bootstrap", "--log"].contains(name) else {
        if name == "--help" || name == "-h" {
            say(usage)
            exit(0)
        }
        fail("unknown argument \(name)\n\(usage)")
    }
    guard index + 1 < arguments.count else { fail("\(name) needs a value") }
    options[name] = arguments[index + 1]
    index += 2
}

guard let scenarioPath = options["--scenario"] else { fail("--scenario is required\n\(usage)") }
let port: UInt16
if let text = options["--port"] {
    guard let value = UInt16(text), value < 65_533 else { fail("--port must be 0…65532") }
    port = value
} else {
    port = 0
}

let scenario: Scenario
do {
    scenario = try Scenario(contentsOfFile: scenarioPath)
} catch {
    fail("\(scenarioPath): \(error)")
}
say("Scenario \(scenario.name): \(scenario.description)")

if running {
    guard let bootstrap = options["--bootstrap"] else { fail("run needs --bootstrap PATH") }
    let log = options["--log"] ?? "/tmp/aws-sandbox-bootstrap-\(getpid()).log"
    let report = ScenarioRun.run(
        scenario,
        options: ScenarioRunOptions(bootstrapPath: bootstrap, logPath: log, port: port) {
            say($0)
        })
    report.rendered().forEach(say)
    exit(report.passed ? 0 : 1)
}

let host: SandboxHost
do {
    host = try SandboxHost(scenario: scenario, port: port)
} catch {
    fail("cannot start the sandbox: \(error)")
}
let environment = host.functionEnvironment

/// A shell command printing the scenario's `credentials.<member>`, so no secret is printed.
func readMember(_ member: String) -> String {
    "python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"credentials\"]"
        + "[\"\(member)\"])' '\(scenarioPath)'"
}
say("")
say("Runtime API   \(host.runtime.endpoint)")
let detectiveRegions = scenario.detectiveRegions.sorted().joined(separator: ", ")
say("Detective     \(host.detectiveEndpoint)  (regions \(detectiveRegions))")
say("Security Hub  \(host.securityHubEndpoint)  (region \(scenario.securityHubRegion))")
say("")
say("Start bootstrap with this environment (the secret and token stay in the scenario file):")
for name in environment.keys.sorted() {
    switch name {
    case "AWS_SECRET_ACCESS_KEY":
        say("  export \(name)=\"$(\(readMember("secretAccessKey")))\"")
    case "AWS_SESSION_TOKEN":
        say("  export \(name)=\"$(\(readMember("sessionToken")))\"")
    default:
        say("  export \(name)='\(environment[name] ?? "")'")
    }
}
say("")
let report = ScenarioRun.drive(host, child: nil) { say($0) }
report.rendered().forEach(say)
say("")
say("Still serving; Ctrl-C stops the sandbox.")
while true { sleep(3600) }
