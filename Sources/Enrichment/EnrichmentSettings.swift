/// The settings of SPEC.md that shape an investigation, parsed once at start.
public struct EnrichmentSettings: Sendable, Equatable {
    /// `AWS_REGION`: where `BatchUpdateFindings` goes.
    public var region: String
    /// `AWS_LAMBDA_FUNCTION_NAME`, written as the note's `UpdatedBy`.
    public var functionName: String
    /// `DETECTIVE_GRAPH_ARN`: the behavior graph to use in its own region.
    public var graphARN: String?
    /// `INVESTIGATION_LOOKBACK_HOURS`.
    public var lookbackHours: Double
    /// `INVESTIGATION_POLL_SECONDS`: the first wait between polls.
    public var pollSeconds: Double
    /// `INVESTIGATION_DEADLINE_MARGIN_SECONDS`.
    public var deadlineMarginSeconds: Double
    /// `INVESTIGATION_CONCURRENCY`.
    public var concurrency: Int
    /// `INVESTIGATION_MAX_SCOPE_DAYS`.
    public var maxScopeDays: Int
    /// `INVESTIGATION_REUSE_MINUTES`.
    public var reuseMinutes: Int

    public init(
        region: String, functionName: String = "InvestigateWithDetective",
        graphARN: String? = nil, lookbackHours: Double = 24, pollSeconds: Double = 10,
        deadlineMarginSeconds: Double = 20, concurrency: Int = 5, maxScopeDays: Int = 30,
        reuseMinutes: Int = 60
    ) {
        self.region = region
        self.functionName = functionName
        self.graphARN = graphARN
        self.lookbackHours = lookbackHours
        self.pollSeconds = pollSeconds
        self.deadlineMarginSeconds = deadlineMarginSeconds
        self.concurrency = concurrency
        self.maxScopeDays = maxScopeDays
        self.reuseMinutes = reuseMinutes
    }
}
