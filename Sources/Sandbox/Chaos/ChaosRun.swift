import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// The fate of one finding in one chaos run.
public struct ChaosFindingFate: Sendable, Equatable {
    /// The finding's `Id`.
    public var findingID: String
    /// The event it came in, counted from 1.
    public var event: Int
    /// How it ended.
    public var fate: FindingFate
}

/// What one chaos run came to.
public struct ChaosRunResult: Sendable {
    /// The plan it ran with.
    public var plan: ChaosPlan
    /// Every finding of every event sent, in order.
    public var fates: [ChaosFindingFate]
    /// Invocations answered after their deadline.
    public var lateInvocations: Int
    /// How long after its deadline the latest of them answered, in seconds.
    public var longestOverrunSeconds: Double?
    /// Requests an injected fault hit.
    public var faultsFired: Int
    /// Requests the stand-ins refused or questioned.
    public var violations: [Violation]
    /// Why the run stopped early, when it did.
    public var abortReason: String?

    /// The findings neither written nor retried.
    public var lost: [ChaosFindingFate] {
        fates.filter {
            if case .lost = $0.fate { return true }
            return false
        }
    }
}

/// Runs a scenario with a seeded fault plan through the real `bootstrap`, as `aws-sandbox run`
/// does, and judges every finding from the invocation results and the store's history.
public enum ChaosRun {
    /// `count` run seeds from `seed`: the first is `seed` itself, so `--seed S --runs 1`
    /// replays the run printed with seed S.
    public static func seeds(from seed: UInt64, count: Int) -> [UInt64] {
        var random = SeededGenerator(seed: seed)
        return (0..<max(0, count)).map { $0 == 0 ? seed : random.next() }
    }

    /// Runs `scenario` once under `plan`; everything it started is stopped before it returns.
    /// - Parameters:
    ///   - scenario: the scenario as its file says.
    ///   - plan: the faults and deadline to add.
    ///   - bootstrapPath: the built `bootstrap`.
    ///   - logPath: where `bootstrap`'s output goes.
    public static func run(
        _ scenario: Scenario, plan: ChaosPlan, bootstrapPath: String, logPath: String
    ) -> ChaosRunResult {
        let shaken = plan.applied(to: scenario)
        var result = ChaosRunResult(
            plan: plan, fates: [], lateInvocations: 0, faultsFired: 0, violations: [])
        let host: SandboxHost
        do {
            host = try SandboxHost(scenario: shaken)
        } catch {
            result.abortReason = "the sandbox could not start: \(error)"
            return result
        }
        defer { host.shutdown() }

        var environment = host.functionEnvironment
        for name in ["PATH", "LANG", "TZ"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                path: bootstrapPath, environment: environment, logPath: logPath)
        } catch {
            result.abortReason = error.description
            return result
        }

        var invocations: [ChaosInvocation] = []
        for (index, event) in shaken.events.enumerated() {
            let (invocation, abort) = send(event, number: index + 1, host: host, child: child)
            invocations.append(invocation)
            if let abort {
                result.abortReason = abort
                break
            }
        }
        child.terminate()

        let history = host.securityHub.store.history
        for (index, invocation) in invocations.enumerated() {
            let fates = FateJudge.fates(of: invocation, history: history)
            for (finding, fate) in zip(invocation.findings, fates) {
                result.fates.append(
                    ChaosFindingFate(findingID: finding.id, event: index + 1, fate: fate))
            }
            if invocation.late, let answeredAt = invocation.answeredAt {
                result.lateInvocations += 1
                let overrun = answeredAt - invocation.deadline
                result.longestOverrunSeconds = max(result.longestOverrunSeconds ?? 0, overrun)
            }
        }
        result.faultsFired = host.firedFaults.count
        result.violations = host.violations.all
        return result
    }

    // Queues one event and waits for its answer, the function's exit, or the deadline and
    // a while more; returns what happened and, when the run cannot go on, why.
    private static func send(
        _ event: ScenarioEvent, number: Int, host: SandboxHost, child: ChildProcess
    ) -> (ChaosInvocation, abort: String?) {
        let scenario = host.scenario
        let findings = event.findingIDs.compactMap { host.securityHub.store.finding(id: $0) }
        let account = findings.first?["AwsAccountId"]?.stringValue ?? "123456789012"
        let region = event.region ?? scenario.securityHubRegion
        let partition =
            findings.first.flatMap { ARNParts($0["ProductArn"]?.stringValue ?? "") }?.partition
            ?? "aws"
        let started = systemWallClock()
        let deadline = started + scenario.invocationTimeoutSeconds
        let envelope = EventEnvelope.build(
            event, findings: findings, account: account, defaultRegion: region,
            id: "chaos-event-\(number)", time: started)
        let keys = (envelope["detail"]?["findings"]?.arrayValue ?? []).map {
            FindingKey(
                id: $0["Id"]?.stringValue ?? "", productARN: $0["ProductArn"]?.stringValue ?? "")
        }
        var invocation = ChaosInvocation(findings: keys, started: started, deadline: deadline)
        host.runtime.emulator.enqueue(
            EmulatedInvocation(
                event: envelope.encoded(),
                requestID: "chaos-\(number)-\(EmulatedInvocation.randomRequestID())",
                deadlineEpochMilliseconds: Int64(deadline * 1000),
                functionARN:
                    "arn:\(partition):lambda:\(region):\(account):function:\(scenario.functionName)"
            ))

        while systemWallClock() < deadline + 20 {
            if let results = host.runtime.emulator.waitForResults(
                count: number, timeout: .milliseconds(200))
            {
                invocation.answeredAt = systemWallClock()
                invocation.result = results[number - 1]
                return (invocation, nil)
            }
            if let status = child.exitStatus() {
                return (invocation, "bootstrap exited with status \(status) during event \(number)")
            }
        }
        return (invocation, "no answer to event \(number) within its deadline and 20 s")
    }
}
