import AWSClient
import JSON
import Logging

/// Handles one EventBridge event of Security Hub findings: the product's entry point.
public struct EnrichmentHandler: Sendable {
    private let settings: EnrichmentSettings
    private let aws: any AWSCaller

    /// - Parameters:
    ///   - settings: the parsed configuration.
    ///   - aws: performs the Detective and Security Hub calls.
    public init(settings: EnrichmentSettings, aws: any AWSCaller) {
        self.settings = settings
        self.aws = aws
    }

    /// Investigates every finding of `event` and returns the result JSON listing their outcomes.
    public func handle(
        event: [UInt8], deadline: ContinuousClock.Instant, logger: Logger
    ) async throws(EnrichmentError) -> [UInt8] {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: event)
        } catch {
            throw EnrichmentError(.invalidEvent, "the event is not valid JSON")
        }
        guard document["detail"]?["findings"]?.arrayValue != nil else {
            throw EnrichmentError(.invalidEvent, "the event has no detail.findings list")
        }
        // TODO: findings are not investigated yet; only the envelope is checked.
        throw EnrichmentError(.unsupportedEvent, "finding enrichment is not implemented yet")
    }
}
