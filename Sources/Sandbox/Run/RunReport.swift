import JSON

/// What became of one finding, read back from the Security Hub store.
public struct FindingResult: Sendable {
    /// The finding's `Id`.
    public var findingID: String
    /// The expectation, when the scenario has one.
    public var expected: ExpectedOutcome?
    /// The `investigate` field written back, or nil when nothing was written.
    public var outcome: String?
    /// The IAM entity investigated, when an investigation ran.
    public var entityARN: String?
    /// `detective_severity`.
    public var severity: String?
    /// `detective_indicators`.
    public var indicators: String?
    /// `detective_reason`.
    public var reason: String?
    /// `detective_summary`: our note's text when someone else's note was kept.
    public var summary: String?
    /// `detective_investigation_id`.
    public var investigationID: String?
    /// The finding's note as it is now, and who wrote it.
    public var noteText: String?
    public var noteUpdatedBy: String?
    /// What does not match the expectation; empty when it all does.
    public var mismatches: [String]
}

/// Everything a run produced: per-finding results, invocation results, violations, faults.
public struct RunReport: Sendable {
    /// The scenario's name.
    public var scenarioName: String
    /// One entry per finding sent, in event order.
    public var findings: [FindingResult]
    /// Invocations that ended in an error post or no answer, with why.
    public var failedInvocations: [String]
    /// Requests the stand-ins refused or questioned.
    public var violations: [Violation]
    /// How many requests an injected fault hit.
    public var faultsFired: Int
    /// Why the run could not finish, when it could not.
    public var abortReason: String?

    /// True when every expectation held, every invocation succeeded and nothing was refused.
    public var passed: Bool {
        abortReason == nil && failedInvocations.isEmpty && violations.isEmpty
            && findings.allSatisfy { $0.mismatches.isEmpty }
    }

    /// The result of `finding` compared with `expected`.
    static func result(
        of finding: JSONValue, expected: ExpectedOutcome?, investigations: [Investigation]
    ) -> FindingResult {
        let fields = finding["UserDefinedFields"]?.objectValue ?? [:]
        let id = finding["Id"]?.stringValue ?? ""
        let investigationID = fields["detective_investigation_id"]?.stringValue
        var result = FindingResult(
            findingID: id, expected: expected, outcome: fields["investigate"]?.stringValue,
            entityARN: investigations.first { $0.id == investigationID }?.entityARN,
            severity: fields["detective_severity"]?.stringValue,
            indicators: fields["detective_indicators"]?.stringValue,
            reason: fields["detective_reason"]?.stringValue,
            summary: fields["detective_summary"]?.stringValue, investigationID: investigationID,
            noteText: finding["Note"]?["Text"]?.stringValue,
            noteUpdatedBy: finding["Note"]?["UpdatedBy"]?.stringValue, mismatches: [])
        guard let expected else { return result }

        if result.outcome != expected.outcome {
            result.mismatches.append(
                "outcome \(result.outcome ?? "none"), expected \(expected.outcome)")
        }
        if let severity = expected.severity, result.severity != severity {
            result.mismatches.append(
                "severity \(result.severity ?? "none"), expected \(severity)")
        }
        for text in expected.noteContains where !(result.noteText ?? "").contains(text) {
            result.mismatches.append("the note lacks \"\(text)\"")
        }
        for text in expected.reasonContains where !(result.reason ?? "").contains(text) {
            result.mismatches.append("detective_reason lacks \"\(text)\"")
        }
        return result
    }
}
