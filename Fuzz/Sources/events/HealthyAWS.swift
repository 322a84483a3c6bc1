import AWSClient
import JSON
import Synchronization

/// Answers every call as a healthy Detective and Security Hub would, so that each finding the
/// event yields goes through entity resolution, the scope, the note and the write-back.
///
/// Every request body must survive the trip to the wire: encoded and parsed again, it is the
/// same JSON.
final class HealthyAWS: AWSCaller {
    private let started = Atomic<Int>(0)

    func perform(_ call: AWSCall, deadline: ContinuousClock.Instant?) async throws -> JSONValue {
        if let body = call.body {
            let wire = body.encoded()
            let parsed = try? JSONValue(parsing: wire)
            precondition(parsed == body, "a request body changes on the wire: \(body.jsonText)")
        }
        switch call.operation {
        case "ListGraphs":
            let partition = Partition(region: call.region)?.rawValue ?? "aws"
            let arn =
                "arn:\(partition):detective:\(call.region):111122223333:graph:"
                + "0123456789abcdef0123456789abcdef"
            return ["GraphList": [["Arn": .string(arn)]]]
        case "ListInvestigations":
            return ["InvestigationDetails": []]
        case "StartInvestigation":
            // Detective's investigation IDs are 21 digits.
            let number = String(started.add(1, ordering: .relaxed).newValue)
            let padding = String(repeating: "0", count: max(0, 20 - number.count))
            return ["InvestigationId": .string("1" + padding + number)]
        case "GetInvestigation":
            return ["Status": "SUCCESSFUL", "Severity": "HIGH"]
        case "ListIndicators":
            return [
                "Indicators": [
                    [
                        "IndicatorType": "TTP_OBSERVED",
                        "IndicatorDetail": [
                            "TTPsObservedDetail": [
                                "Tactic": "Discovery", "Technique": "Cloud Service Discovery",
                                "APIName": "ListBuckets", "APISuccessCount": 3,
                            ]
                        ],
                    ]
                ]
            ]
        case "BatchUpdateFindings":
            let identifiers = call.body?["FindingIdentifiers"] ?? []
            return ["ProcessedFindings": identifiers, "UnprocessedFindings": []]
        default:
            throw AWSError(
                code: .serviceError, service: call.service, operation: call.operation,
                status: 400, awsCode: "UnknownOperationException", message: "not answered")
        }
    }
}
