import JSON

/// Builds the EventBridge events Security Hub sends, around findings of the store.
public enum EventEnvelope {
    /// The `detail-type` of findings Security Hub imported or updated.
    public static let imported = "Security Hub Findings - Imported"
    /// The `detail-type` of findings an analyst sent to a custom action.
    public static let customAction = "Security Hub Findings - Custom Action"

    /// The envelope of `event` carrying `findings`, as EventBridge delivers it.
    /// - Parameters:
    ///   - event: what to send.
    ///   - findings: the findings, as the store holds them now.
    ///   - account: the Security Hub administrator account the event comes from.
    ///   - defaultRegion: the region when the event names none.
    ///   - id: the event's id.
    ///   - time: when the event was sent, in seconds since 1970.
    public static func build(
        _ event: ScenarioEvent, findings: [JSONValue], account: String, defaultRegion: String,
        id: String, time: Double
    ) -> JSONValue {
        if let raw = event.rawEnvelope { return raw }
        let region = event.region ?? defaultRegion
        let partition =
            findings.first.flatMap { ARNParts($0["ProductArn"]?.stringValue ?? "") }?
            .partition ?? "aws"
        var detail: [String: JSONValue] = ["findings": .array(findings)]
        let resources: [JSONValue]
        if event.detailType == customAction {
            let name = event.actionName ?? "investigate"
            detail["actionName"] = .string(name)
            detail["actionDescription"] = "Investigate with Detective"
            resources = [
                .string("arn:\(partition):securityhub:\(region):\(account):action/custom/\(name)")
            ]
        } else {
            // Security Hub names each finding by its Security Hub ARN when it has one.
            resources = findings.compactMap { finding in
                (finding["ProductFields"]?["aws/securityhub/FindingId"] ?? finding["Id"])
                    .flatMap(\.stringValue).map(JSONValue.string)
            }
        }
        return [
            "version": "0",
            "id": .string(id),
            "detail-type": .string(event.detailType),
            "source": "aws.securityhub",
            "account": .string(account),
            "time": .string(String(Timestamp.format(time).prefix(19)) + "Z"),
            "region": .string(region),
            "resources": .array(resources),
            "detail": .object(detail),
        ]
    }
}
