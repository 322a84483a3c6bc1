import Enrichment
import FuzzSupport
import JSON
import Logging

/// One handler for the whole run, as one Lambda process keeps one.
let handler = EnrichmentHandler(
    settings: EnrichmentSettings(region: "us-east-1"), aws: HealthyAWS())

/// Handles the input as an EventBridge event, through the handler Lambda calls.
///
/// Whatever the bytes, the handler returns a JSON result or throws an ``EnrichmentError``;
/// every log line, at trace level, is one JSON object.
func fuzzEvents(_ bytes: [UInt8]) {
    let logger = Logger(level: .trace, format: .json, sink: CheckedJSONSink())
    runBlocking {
        do throws(EnrichmentError) {
            let result = try await handler.handle(
                event: bytes, deadline: .now + .seconds(60), logger: logger)
            let parsed = try? JSONValue(parsing: result)
            precondition(parsed?["findings"]?.arrayValue != nil, "the result lists findings")
        } catch {
            precondition(!error.description.isEmpty, "an error says what went wrong")
        }
    }
}
