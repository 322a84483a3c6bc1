import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// How to run a scenario against the real `bootstrap`.
public struct ScenarioRunOptions: Sendable {
    /// The built `bootstrap` executable.
    public var bootstrapPath: String
    /// Where `bootstrap`'s own output goes.
    public var logPath: String
    /// The Runtime API's port (Detective and Security Hub take the next two); 0 picks free ones.
    public var port: UInt16
    /// Receives each progress line as it happens.
    public var progress: @Sendable (String) -> Void

    public init(
        bootstrapPath: String, logPath: String, port: UInt16 = 0,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.bootstrapPath = bootstrapPath
        self.logPath = logPath
        self.port = port
        self.progress = progress
    }
}

/// Runs a scenario end to end: the sandbox, the real `bootstrap`, every event, the read-back.
public enum ScenarioRun {
    /// Serves `scenario`, sends its events through the real `bootstrap` one at a time, and
    /// reports what was written back; everything it started is stopped before it returns.
    public static func run(_ scenario: Scenario, options: ScenarioRunOptions) -> RunReport {
        var report = RunReport(
            scenarioName: scenario.name, findings: [], failedInvocations: [], violations: [],
            faultsFired: 0)
        let host: SandboxHost
        do {
            host = try SandboxHost(scenario: scenario, port: options.port)
        } catch {
            report.abortReason = "the sandbox could not start: \(error)"
            return report
        }
        defer { host.shutdown() }
        options.progress(
            "sandbox: Runtime API \(host.runtime.endpoint), Detective \(host.detectiveEndpoint), "
                + "Security Hub \(host.securityHubEndpoint)")

        var environment = host.functionEnvironment
        for name in ["PATH", "LANG", "TZ"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                path: options.bootstrapPath, environment: environment, logPath: options.logPath)
        } catch {
            report.abortReason = error.description
            report.findings = results(scenario, host: host)
            return report
        }
        options.progress(
            "bootstrap: started \(options.bootstrapPath), output in \(options.logPath)")

        report = drive(host, child: child, progress: options.progress)
        let status = child.terminate()
        options.progress("bootstrap: stopped (exit status \(status))")
        report.violations = host.violations.all
        return report
    }

    /// Sends the scenario's events through `host`'s Runtime API one at a time, each once the
    /// function polls for it, and reports what was written back.
    /// - Parameters:
    ///   - host: the running sandbox.
    ///   - child: the `bootstrap` process when this run started it; nil when someone else did.
    ///   - progress: receives each progress line.
    public static func drive(
        _ host: SandboxHost, child: ChildProcess?, progress: @escaping @Sendable (String) -> Void
    ) -> RunReport {
        let scenario = host.scenario
        var report = RunReport(
            scenarioName: scenario.name, findings: [], failedInvocations: [], violations: [],
            faultsFired: 0)
        let watcher = ProgressWatcher(host.detective)
        for (index, event) in scenario.events.enumerated() {
            if child == nil { awaitPoll(number: index + 1, host: host, progress: progress) }
            let outcome = send(
                event, number: index + 1, of: scenario, host: host, child: child,
                watcher: watcher, progress: progress)
            if let failure = outcome.failure { report.failedInvocations.append(failure) }
            if let abort = outcome.abort {
                report.abortReason = abort
                break
            }
        }
        report.findings = results(scenario, host: host)
        report.violations = host.violations.all
        report.faultsFired = host.firedFaults.count
        return report
    }

    // A bootstrap started by hand may come late; the deadline starts only once it polls.
    private static func awaitPoll(
        number: Int, host: SandboxHost, progress: @Sendable (String) -> Void
    ) {
        var told = false
        while host.runtime.emulator.waitForNextRequests(count: number, timeout: .seconds(1)) == nil
        {
            if !told {
                progress("waiting for bootstrap to poll the Runtime API for event \(number)")
                told = true
            }
        }
    }

    private struct EventOutcome {
        var failure: String?
        var abort: String?
    }

    private static func send(
        _ event: ScenarioEvent, number: Int, of scenario: Scenario, host: SandboxHost,
        child: ChildProcess?, watcher: ProgressWatcher, progress: @Sendable (String) -> Void
    ) -> EventOutcome {
        let findings = event.findingIDs.compactMap { host.securityHub.store.finding(id: $0) }
        let account = findings.first?["AwsAccountId"]?.stringValue ?? "123456789012"
        let region = event.region ?? scenario.securityHubRegion
        let partition =
            findings.first.flatMap { ARNParts($0["ProductArn"]?.stringValue ?? "") }?.partition
            ?? "aws"
        let started = systemWallClock()
        let envelope = EventEnvelope.build(
            event, findings: findings, account: account, defaultRegion: region,
            id: "sandbox-event-\(number)", time: started)
        let invocation = EmulatedInvocation(
            event: envelope.encoded(),
            requestID: "sandbox-\(number)-\(EmulatedInvocation.randomRequestID())",
            deadlineEpochMilliseconds: Int64((started + scenario.invocationTimeoutSeconds) * 1000),
            functionARN:
                "arn:\(partition):lambda:\(region):\(account):function:\(scenario.functionName)")
        let kind = envelope["detail-type"]?.stringValue ?? "raw event"
        progress("event \(number)/\(scenario.events.count): \(kind), \(findings.count) finding(s)")
        host.runtime.emulator.enqueue(invocation)

        let limit = started + scenario.invocationTimeoutSeconds + 20
        while systemWallClock() < limit {
            if let results = host.runtime.emulator.waitForResults(
                count: number, timeout: .milliseconds(250))
            {
                watcher.report(host.detective, progress: progress)
                let result = results[number - 1]
                let seconds = systemWallClock() - started
                let elapsed = String(Int(seconds * 10) / 10) + "." + String(Int(seconds * 10) % 10)
                if result.kind == .response {
                    progress("  invocation succeeded in \(elapsed) s")
                    return EventOutcome()
                }
                let failure =
                    "event \(number): \(result.errorType ?? "error"): "
                    + (JSONValue.parsed(result.body)?["errorMessage"]?.stringValue
                        ?? result.bodyText)
                progress("  invocation failed in \(elapsed) s: \(failure)")
                return EventOutcome(failure: failure)
            }
            watcher.report(host.detective, progress: progress)
            if let status = child?.exitStatus() {
                if let initError = host.runtime.emulator.initErrors.last {
                    return EventOutcome(
                        abort: "bootstrap reported an init error and exited with status "
                            + "\(status): \(initError.bodyText)")
                }
                return EventOutcome(
                    abort: "bootstrap exited with status \(status) during event \(number)")
            }
        }
        return EventOutcome(abort: "no answer to event \(number) within its timeout")
    }

    private static func results(_ scenario: Scenario, host: SandboxHost) -> [FindingResult] {
        var order: [String] = []
        for id in scenario.events.flatMap(\.findingIDs) + scenario.expected.map(\.findingID)
        where !order.contains(id) {
            order.append(id)
        }
        let investigations = host.detective.investigations
        return order.compactMap { id in
            guard let finding = host.securityHub.store.finding(id: id) else { return nil }
            return RunReport.result(
                of: finding, expected: scenario.expected.first { $0.findingID == id },
                investigations: investigations)
        }
    }
}

extension JSONValue {
    /// The document in `bytes`, or nil when it is not JSON.
    static func parsed(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONValue(parsing: bytes)
    }
}
