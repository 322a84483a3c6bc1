/// The Security Hub operations the sandbox serves, transcribed from the botocore model
/// (`securityhub/2018-10-26/service-2.json`).
enum SecurityHubModel {
    static let nonEmpty = Shape.pattern(#".*\S.*"#)
    static let identifier = Shape.structure(
        members: ["Id": nonEmpty, "ProductArn": nonEmpty], required: ["Id", "ProductArn"])
    static let stringFilters = Shape.list(
        .structure(members: [
            "Value": nonEmpty,
            "Comparison": .enumeration([
                "EQUALS", "PREFIX", "NOT_EQUALS", "PREFIX_NOT_EQUALS", "CONTAINS", "NOT_CONTAINS",
                "CONTAINS_WORD",
            ]),
        ]))
    static let mapFilters = Shape.list(
        .structure(members: [
            "Key": nonEmpty, "Value": nonEmpty,
            "Comparison": .enumeration(["EQUALS", "NOT_EQUALS", "CONTAINS", "NOT_CONTAINS"]),
        ]))

    // The limits the API reference states and the model omits: 100 findings per call,
    // a note of 512 characters, 50 fields of 128-character keys and 1024-character values.
    static let batchUpdateFindings = Operation(
        name: "BatchUpdateFindings", method: "PATCH", path: "/findings/batchupdate",
        input: .structure(
            members: [
                "FindingIdentifiers": .list(identifier, min: 1, max: 100),
                "Note": .structure(
                    members: [
                        "Text": .string(StringRules(pattern: #".*\S.*"#, min: 1, max: 512)),
                        "UpdatedBy": .string(StringRules(pattern: #".*\S.*"#, min: 1, max: 512)),
                    ],
                    required: ["Text", "UpdatedBy"]),
                "Severity": .structure(members: [
                    "Normalized": .integer(min: 0, max: 100), "Product": .double,
                    "Label": .enumeration(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]),
                ]),
                "VerificationState": .enumeration([
                    "UNKNOWN", "TRUE_POSITIVE", "FALSE_POSITIVE", "BENIGN_POSITIVE",
                ]),
                "Confidence": .integer(min: 0, max: 100),
                "Criticality": .integer(min: 0, max: 100),
                "Types": .list(nonEmpty),
                "UserDefinedFields": .map(value: .text(min: 1, max: 1024)),
                "Workflow": .structure(members: [
                    "Status": .enumeration(["NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"])
                ]),
                "RelatedFindings": .list(identifier),
            ],
            required: ["FindingIdentifiers"]))

    static let getFindings = Operation(
        name: "GetFindings", method: "POST", path: "/findings",
        input: .structure(members: [
            "Filters": .structure(
                members: [
                    "Id": stringFilters, "ProductArn": stringFilters, "AwsAccountId": stringFilters,
                    "ProductName": stringFilters, "RecordState": stringFilters,
                    "UserDefinedFields": mapFilters,
                ],
                open: true),
            "SortCriteria": .any,
            "NextToken": .text(),
            "MaxResults": .integer(min: 1, max: 100),
        ]))

    /// Every operation served.
    static let operations = [batchUpdateFindings, getFindings]

    /// At most this many `UserDefinedFields` on one finding.
    static let maxUserDefinedFields = 50
    /// The longest field name.
    static let maxFieldKeyLength = 128
}
