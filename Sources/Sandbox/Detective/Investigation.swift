import JSON

/// One investigation in a behavior graph, and how far it has progressed.
public struct Investigation: Sendable {
    /// The 21-digit investigation ID.
    public var id: String
    public var graphARN: String
    public var entityARN: String
    /// `IAM_USER` or `IAM_ROLE`.
    public var entityType: String
    /// Seconds since 1970.
    public var createdTime: Double
    public var scopeStartTime: Double
    public var scopeEndTime: Double
    /// How the scenario says it goes.
    public var behavior: InvestigationBehavior
    /// `GetInvestigation` calls answered so far.
    public var polls: Int = 0
    /// The status once it stopped running.
    public var finishedStatus: String?

    /// `RUNNING`, `SUCCESSFUL` or `FAILED` at `now`, without counting a poll.
    public func status(at now: Double) -> String {
        if let finishedStatus { return finishedStatus }
        if behavior.finalStatus == "RUNNING" { return "RUNNING" }
        let pollsDone = polls > behavior.runningPolls
        let timeDone = now - createdTime >= behavior.runningSeconds
        return pollsDone && timeDone ? behavior.finalStatus : "RUNNING"
    }

    /// The severity, known once the investigation succeeded.
    public func severity(at now: Double) -> String? {
        status(at: now) == "SUCCESSFUL" ? behavior.severity : nil
    }

    /// The indicators `ListIndicators` answers with: none until it succeeded.
    public func indicators(at now: Double) -> [InvestigationIndicator] {
        guard status(at: now) == "SUCCESSFUL" else { return [] }
        return behavior.indicators.map(InvestigationIndicator.init)
    }
}

/// One indicator, as the model shapes it.
public struct InvestigationIndicator: Sendable {
    public var value: JSONValue

    public init(_ value: JSONValue) {
        self.value = value
    }

    /// Its `IndicatorType`.
    public var type: String { value["IndicatorType"]?.stringValue ?? "" }
}
