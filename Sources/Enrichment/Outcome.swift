import JSON

/// How handling a finding ended; each finding ends in exactly one.
enum Outcome: String, Sendable, CaseIterable {
    case complete
    case running
    case failed
    case skipped
}

/// What an investigation of one entity came to; shared by every finding about that entity.
struct InvestigationResult: Sendable {
    var outcome: Outcome
    var entity: IAMEntity
    var region: String
    var scope: Scope
    var investigationID: String?
    var severity: String?
    var reason: String?
    var indicators: IndicatorSummary?
}

/// The end of one finding: its outcome and what is written back and reported.
struct FindingResult: Sendable {
    /// Nil when the event entry had no usable `Id` and `ProductArn`.
    var identifier: FindingIdentifier?
    var outcome: Outcome
    var investigation: InvestigationResult?
    var reason: String?
    /// The finding's own `Severity.Label`, for the log.
    var findingSeverity: String?
    /// Why `BatchUpdateFindings` could not record it; nil once written.
    var writeError: String?

    var investigationID: String? { investigation?.investigationID }
    var severity: String? { investigation?.severity }

    /// The entry of the invocation's result JSON.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": identifier.map { .string($0.id) } ?? .null,
            "outcome": .string(outcome.rawValue),
            "investigationId": investigationID.map(JSONValue.string) ?? .null,
            "severity": severity.map(JSONValue.string) ?? .null,
            "reason": reason.map(JSONValue.string) ?? .null,
        ]
        if let identifier { members["productArn"] = .string(identifier.productARN) }
        if let entity = investigation?.entity { members["entityArn"] = .string(entity.arn) }
        return .object(members)
    }
}
