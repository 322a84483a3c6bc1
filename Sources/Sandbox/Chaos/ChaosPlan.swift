/// How hard a chaos run shakes the sandbox.
public enum ChaosIntensity: String, Sendable, CaseIterable {
    /// No random faults: the scenario's own faults only, judged the same way.
    case none
    case low
    case medium
    case high

    /// How many single faults a run draws, besides any throttling storm.
    var faultCount: ClosedRange<Int> {
        switch self {
        case .none: 0...0
        case .low: 1...3
        case .medium: 3...7
        case .high: 6...12
        }
    }

    /// How likely a run is to hold a throttling storm over several operations.
    var stormChance: Double {
        switch self {
        case .none: 0
        case .low: 0.1
        case .medium: 0.3
        case .high: 0.5
        }
    }

    /// How likely a run is to get a short invocation deadline.
    var shortDeadlineChance: Double {
        switch self {
        case .none: 0
        case .low: 0.15
        case .medium: 0.3
        case .high: 0.45
        }
    }
}

/// The faults and deadline of one chaos run; the same seed always gives the same plan.
public struct ChaosPlan: Sendable, Equatable {
    /// The seed the plan was drawn from; `--seed` with it and `--runs 1` replays the run.
    public var seed: UInt64
    /// The faults added after the scenario's own, in the order they fire per operation.
    public var faults: [Fault]
    /// Each invocation's deadline, in seconds.
    public var invocationTimeoutSeconds: Double
    /// `INVESTIGATION_DEADLINE_MARGIN_SECONDS` for the function; nil keeps the scenario's.
    public var deadlineMarginSeconds: Double?

    /// The operations the function calls, by service.
    static let operations: [(ServiceName, String)] = [
        (.detective, "ListGraphs"), (.detective, "ListInvestigations"),
        (.detective, "StartInvestigation"), (.detective, "GetInvestigation"),
        (.detective, "ListIndicators"), (.securityHub, "BatchUpdateFindings"),
    ]

    /// The plan `seed` draws for `scenario`.
    /// - Parameters:
    ///   - seed: names the plan.
    ///   - scenario: the scenario it is for; its `AWS_MAX_ATTEMPTS` sizes the storms.
    ///   - intensity: how many faults, storms and short deadlines.
    public init(seed: UInt64, scenario: Scenario, intensity: ChaosIntensity) {
        var random = SeededGenerator(seed: seed)
        let attempts = max(1, Int(scenario.environment["AWS_MAX_ATTEMPTS"] ?? "") ?? 3)
        self.seed = seed
        faults = []

        if random.chance(intensity.stormChance) {
            // A storm: several operations throttled at once, some longer than one call's
            // attempts, so a whole call fails and the function's own handling takes over.
            var operations = Self.operations
            for _ in 0..<random.integer(2...4) where !operations.isEmpty {
                let (service, operation) = operations.remove(
                    at: random.integer(0...operations.count - 1))
                let times =
                    random.chance(0.5)
                    ? attempts + random.integer(1...4) : random.integer(1...attempts)
                faults.append(
                    Fault(
                        service: service, operation: operation,
                        kind: .throttle(code: Self.throttleCode(service, &random)), times: times,
                        after: random.chance(0.3) ? random.integer(1...2) : 0))
            }
        }
        for _ in 0..<random.integer(intensity.faultCount) {
            faults.append(Self.singleFault(&random, attempts: attempts))
        }

        if random.chance(intensity.shortDeadlineChance) {
            // The margin leaves at least a second for the write-back after Detective stops.
            invocationTimeoutSeconds = random.tenths(4...9)
            deadlineMarginSeconds = random.tenths(1...2.5)
        } else {
            invocationTimeoutSeconds = scenario.invocationTimeoutSeconds
            deadlineMarginSeconds = nil
        }
    }

    /// `scenario` with this plan's faults after its own, and its deadline and margin.
    public func applied(to scenario: Scenario) -> Scenario {
        var shaken = scenario
        shaken.faults += faults
        shaken.invocationTimeoutSeconds = invocationTimeoutSeconds
        if let deadlineMarginSeconds {
            shaken.environment["INVESTIGATION_DEADLINE_MARGIN_SECONDS"] = String(
                deadlineMarginSeconds)
        }
        return shaken
    }

    /// One line per fault and the deadline, for the log of a run.
    public var summary: String {
        let margin = deadlineMarginSeconds.map { ", margin \($0) s" } ?? ""
        let listed = faults.isEmpty ? "none" : faults.map(\.summary).joined(separator: "; ")
        return "deadline \(invocationTimeoutSeconds) s\(margin); added faults: \(listed)"
    }

    private static func singleFault(_ random: inout SeededGenerator, attempts: Int) -> Fault {
        // Write-back weighs more: it is where a finding could be dropped.
        let (service, operation) =
            random.chance(0.35)
            ? (.securityHub, "BatchUpdateFindings")
            : operations[random.integer(0...operations.count - 2)]
        let writing = operation == "BatchUpdateFindings"
        enum Choice { case throttle, serverError, drop, truncate, slow, unprocessed }
        let choice = random.weighted([
            (Choice.throttle, 30), (.serverError, 20), (.drop, 12), (.truncate, 12),
            (.slow, 10), (.unprocessed, writing ? 25 : 0),
        ])
        let kind: Fault.Kind
        var times = random.integer(1...3)
        switch choice {
        case .throttle:
            kind = .throttle(code: throttleCode(service, &random))
        case .serverError:
            let status = [500, 502, 503, 504][random.integer(0...3)]
            kind = .serverError(
                status: status,
                code: service == .detective ? "InternalServerException" : "InternalException")
        case .drop:
            kind = .dropConnection
        case .truncate:
            kind = .truncatedResponse
        case .slow:
            kind = .slow(seconds: random.tenths(0.2...2.5))
            times = 1
        case .unprocessed:
            let code = random.chance(0.7) ? "ConcurrentUpdateError" : "InternalFailure"
            kind =
                random.chance(0.4)
                ? .firstUnprocessed(errorCode: code) : .unprocessed(errorCode: code)
            times = random.integer(1...attempts + 1)
        }
        return Fault(
            service: service, operation: operation, kind: kind, times: times,
            after: random.chance(0.4) ? random.integer(1...3) : 0)
    }

    private static func throttleCode(
        _ service: ServiceName, _ random: inout SeededGenerator
    ) -> String {
        if random.chance(0.25) { return "ThrottlingException" }
        return service == .detective ? "TooManyRequestsException" : "LimitExceededException"
    }
}

extension Fault {
    /// `GetInvestigation 503 x2 after 1`: the fault in a few words.
    public var summary: String {
        let what: String
        switch kind {
        case .throttle(let code): what = "429 \(code)"
        case .serverError(let status, _): what = String(status)
        case .dropConnection: what = "dropped connection"
        case .truncatedResponse: what = "truncated body"
        case .slow(let seconds): what = "slow \(seconds) s"
        case .unprocessed(let code): what = "unprocessed \(code)"
        case .firstUnprocessed(let code): what = "first finding unprocessed \(code)"
        }
        return "\(operation) \(what) x\(times)" + (after > 0 ? " after \(after)" : "")
    }
}
