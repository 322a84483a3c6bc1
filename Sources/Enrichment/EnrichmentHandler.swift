import AWSClient
import JSON
import Logging

/// Handles one EventBridge event of Security Hub findings: the product's entry point.
public struct EnrichmentHandler: Sendable {
    private let settings: EnrichmentSettings
    private let aws: any AWSCaller
    private let environment: EnrichmentEnvironment
    /// Behavior graphs found, kept for the life of the process.
    private let graphs: GraphDirectory

    /// - Parameters:
    ///   - settings: the parsed configuration.
    ///   - aws: performs the Detective and Security Hub calls.
    public init(settings: EnrichmentSettings, aws: any AWSCaller) {
        self.init(settings: settings, aws: aws, environment: .live)
    }

    init(settings: EnrichmentSettings, aws: any AWSCaller, environment: EnrichmentEnvironment) {
        self.settings = settings
        self.aws = aws
        self.environment = environment
        self.graphs = GraphDirectory(configuredGraphARN: settings.graphARN)
    }

    /// Investigates every finding of `event` and returns the result JSON listing their outcomes.
    public func handle(
        event: [UInt8], deadline: ContinuousClock.Instant, logger: Logger
    ) async throws(EnrichmentError) -> [UInt8] {
        let decoded = try SecurityHubEvent(bytes: event)

        let run = EnrichmentRun(
            settings: settings, aws: aws, graphs: graphs, environment: environment,
            deadline: deadline, logger: logger)
        let results = await run.run(decoded)
        let unwritten = results.filter { $0.writeError != nil }

        var counts: [Outcome: Int] = [:]
        for result in results {
            counts[result.outcome, default: 0] += 1
            logger.info("finding \(result.outcome.rawValue)", Self.logFields(result))
        }
        var summary: [String: String] = ["findings": String(results.count)]
        for outcome in Outcome.allCases { summary[outcome.rawValue] = String(counts[outcome] ?? 0) }
        summary["unwritten"] = String(unwritten.count)
        logger.info("event handled", summary)

        guard unwritten.isEmpty else {
            let listed = unwritten.map { result in
                "\(result.identifier?.id ?? "?") (\(result.writeError ?? ""))"
            }
            logger.error("findings not written back", ["findings": listed.joined(separator: "; ")])
            throw EnrichmentError(
                .writeBackFailed,
                "\(unwritten.count) of \(results.count) findings were not written back: "
                    + listed.joined(separator: "; "))
        }

        var countsJSON: [String: JSONValue] = [:]
        for outcome in Outcome.allCases {
            countsJSON[outcome.rawValue] = .number(Double(counts[outcome] ?? 0))
        }
        let body: JSONValue = [
            "findings": .array(results.map(\.json)), "counts": .object(countsJSON),
        ]
        return body.encoded()
    }

    private static func logFields(_ result: FindingResult) -> [String: String] {
        var fields = ["outcome": result.outcome.rawValue]
        fields["findingId"] = result.identifier?.id
        fields["investigationId"] = result.investigationID
        fields["severity"] = result.severity
        fields["findingSeverity"] = result.findingSeverity
        fields["reason"] = result.reason
        fields["entityArn"] = result.investigation?.entity.arn
        fields["writeError"] = result.writeError
        return fields
    }
}
