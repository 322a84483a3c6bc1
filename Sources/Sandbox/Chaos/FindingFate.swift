import JSON

/// How one finding of one invocation ended, judged from outside the function.
public enum FindingFate: Sendable, Equatable {
    /// The invocation answered and the store holds a successful write of this outcome.
    case written(outcome: String)
    /// The invocation failed through the Runtime API's error path: Lambda retries the event
    /// and its dead-letter queue keeps it.
    case retried
    /// Neither written nor failed through the error path: the result is gone.
    case lost(reason: String)
}

/// A finding as Security Hub names it.
struct FindingKey: Sendable, Hashable {
    var id: String
    var productARN: String
}

/// One invocation of a chaos run, as the emulator saw it.
struct ChaosInvocation: Sendable {
    /// `Id` and `ProductArn` of each finding in the event, in order.
    var findings: [FindingKey]
    /// When the event was queued, in seconds since 1970.
    var started: Double
    /// Its deadline, in seconds since 1970.
    var deadline: Double
    /// When the function posted its response or error; nil when it never did.
    var answeredAt: Double?
    /// What it posted.
    var result: RecordedResult?

    /// True when the answer came after the deadline, when Lambda would have stopped it.
    var late: Bool {
        answeredAt.map { $0 > deadline } ?? false
    }
}

/// Decides each finding's fate from the invocation's result and the store's update history.
enum FateJudge {
    /// The fate of every finding of `invocation`, in event order.
    static func fates(of invocation: ChaosInvocation, history: [FindingUpdate]) -> [FindingFate] {
        if invocation.result?.kind == .error {
            return invocation.findings.map { _ in .retried }
        }
        // Only writes made while the invocation ran are its own.
        let end = invocation.answeredAt ?? .infinity
        let writes = history.filter {
            $0.unprocessedErrorCode == nil && $0.time >= invocation.started && $0.time <= end
        }
        let reported = invocation.result.map { reportedOutcomes($0.body) }

        return invocation.findings.map { finding in
            let mine = writes.filter {
                $0.findingID == finding.id && $0.productARN == finding.productARN
            }
            let writtenOutcomes = mine.compactMap { $0.userDefinedFields?["investigate"] }
            if let reported, let outcome = reported[finding.id] {
                if writtenOutcomes.contains(outcome) { return .written(outcome: outcome) }
                let seen = writtenOutcomes.last.map { "only \"\($0)\" was written" } ?? "no write"
                return .lost(reason: "the result says \(outcome) but \(seen)")
            }
            if let last = writtenOutcomes.last { return .written(outcome: last) }
            if reported != nil {
                return .lost(reason: "missing from the invocation's result and not written")
            }
            return .lost(reason: "the invocation never answered and nothing was written")
        }
    }

    /// The outcome of each finding listed in a success response, by `Id`.
    static func reportedOutcomes(_ body: [UInt8]) -> [String: String] {
        var outcomes: [String: String] = [:]
        let listed = JSONValue.parsed(body)?["findings"]?.arrayValue ?? []
        for entry in listed {
            guard let id = entry["id"]?.stringValue, let outcome = entry["outcome"]?.stringValue
            else { continue }
            outcomes[id] = outcome
        }
        return outcomes
    }
}
