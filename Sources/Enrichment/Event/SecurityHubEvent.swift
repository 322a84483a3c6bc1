import JSON

/// An EventBridge event of Security Hub findings, as the two rules of the template send it.
struct SecurityHubEvent: Sendable {
    /// The detail types this function handles.
    static let detailTypes: Set<String> = [
        "Security Hub Findings - Imported", "Security Hub Findings - Custom Action",
    ]

    /// The event's `region`: where the findings were imported, used when a finding names none.
    var region: String?
    /// Each entry of `detail.findings`, read or with the reason it could not be.
    var findings: [Result<Finding, FindingDecodingError>]

    /// Reads the envelope; a shape we do not handle is `UnsupportedEvent`, a broken one
    /// `InvalidEvent`. Findings are read one by one so that one bad entry sinks no other.
    init(bytes: [UInt8]) throws(EnrichmentError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw EnrichmentError(.invalidEvent, "the event is not valid JSON")
        }
        guard case .object = document else {
            throw EnrichmentError(.invalidEvent, "the event is not a JSON object")
        }

        // Without an envelope there is nothing to support or not: the input is broken.
        guard let source = document["source"]?.stringValue,
            let detailType = document["detail-type"]?.stringValue
        else {
            throw EnrichmentError(
                .invalidEvent, "the event is not an EventBridge event (no source or detail-type)")
        }
        guard source == "aws.securityhub", Self.detailTypes.contains(detailType) else {
            let described = "source \(Self.quoted(source)), detail-type \(Self.quoted(detailType))"
            throw EnrichmentError(
                .unsupportedEvent, "not a Security Hub findings event (\(described))")
        }

        guard let entries = document["detail"]?["findings"]?.arrayValue else {
            throw EnrichmentError(.invalidEvent, "the event has no detail.findings list")
        }
        region = document["region"]?.stringValue
        findings = entries.map { entry in
            Result { () throws(FindingDecodingError) in try Finding(json: entry) }
        }
    }

    private static func quoted(_ text: String?) -> String {
        guard let text else { return "missing" }
        let short = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return "\"\(short)\""
    }
}
