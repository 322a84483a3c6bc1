import JSON

/// AWS Security Hub's finding API over a ``FindingStore``, in one region.
public final class SecurityHubStandIn: StandIn, Sendable {
    let service = ServiceName.securityHub
    let operations = SecurityHubModel.operations
    let regions: Set<String>

    /// The findings and their update history.
    public let store: FindingStore
    private let fieldsUpdate: FieldsUpdate
    private let pageSizes: [String: Int]
    private let clock: WallClock
    private let pagination = Pagination(prefix: "shb")

    /// A Security Hub in `scenario`'s region holding its findings.
    public init(scenario: Scenario, clock: @escaping WallClock = systemWallClock) {
        regions = [scenario.securityHubRegion]
        store = FindingStore(findings: scenario.findings)
        fieldsUpdate = scenario.userDefinedFieldsUpdate
        pageSizes = scenario.pageSizes
        self.clock = clock
    }

    func perform(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        switch call.operation.name {
        case "BatchUpdateFindings": return batchUpdateFindings(call)
        default: return try getFindings(call)
        }
    }

    private func batchUpdateFindings(_ call: ServiceCall) -> JSONValue {
        let body = call.body
        let identifiers = body["FindingIdentifiers"]?.arrayValue ?? []
        let fields = body["UserDefinedFields"]?.objectValue?.compactMapValues(\.stringValue)
        let now = clock()
        var processed: [JSONValue] = []
        var unprocessed: [JSONValue] = []
        var seen: Set<String> = []

        for (index, identifier) in identifiers.enumerated() {
            let id = identifier["Id"]?.stringValue ?? ""
            let productARN = identifier["ProductArn"]?.stringValue ?? ""
            var record = FindingUpdate(
                time: now, findingID: id, productARN: productARN,
                noteText: body["Note"]?["Text"]?.stringValue,
                noteUpdatedBy: body["Note"]?["UpdatedBy"]?.stringValue, userDefinedFields: fields)
            let refusal: (code: String, message: String)?
            if let injected = call.unprocessedErrorCode, index == 0 || !call.unprocessedFirstOnly {
                refusal = (injected, "The finding could not be updated; try again")
            } else if !seen.insert(id + "\n" + productARN).inserted {
                refusal = ("DuplicatedFindingIdentifier", "The finding identifier is duplicated")
            } else if let tooMany = fieldsProblem(id: id, productARN: productARN, fields: fields) {
                refusal = ("InvalidInput", tooMany)
            } else if !apply(body, id: id, productARN: productARN, record: record, now: now) {
                refusal = ("FindingNotFound", "Finding Not Found")
            } else {
                refusal = nil
            }
            if let refusal {
                record.unprocessedErrorCode = refusal.code
                store.recordRefusal(record)
                unprocessed.append([
                    "FindingIdentifier": identifier, "ErrorCode": .string(refusal.code),
                    "ErrorMessage": .string(refusal.message),
                ])
            } else {
                processed.append(identifier)
            }
        }
        return ["ProcessedFindings": .array(processed), "UnprocessedFindings": .array(unprocessed)]
    }

    private func apply(
        _ body: JSONValue, id: String, productARN: String, record: FindingUpdate, now: Double
    ) -> Bool {
        store.update(id: id, productARN: productARN, record: record) { finding in
            if let note = body["Note"] {
                finding["Note"] = [
                    "Text": note["Text"] ?? "", "UpdatedBy": note["UpdatedBy"] ?? "",
                    "UpdatedAt": .string(Timestamp.format(now)),
                ]
            }
            if let fields = body["UserDefinedFields"]?.objectValue {
                var merged =
                    fieldsUpdate == .merge
                    ? (finding["UserDefinedFields"]?.objectValue ?? [:]) : [:]
                merged.merge(fields) { _, new in new }
                finding["UserDefinedFields"] = .object(merged)
            }
            if let status = body["Workflow"]?["Status"] {
                finding["Workflow"] = ["Status": status]
                finding["WorkflowState"] = status == "RESOLVED" ? "RESOLVED" : "NEW"
            }
            for member in ["VerificationState", "Confidence", "Criticality", "Types"] {
                if let value = body[member] { finding[member] = value }
            }
            if let label = body["Severity"]?["Label"] {
                var severity = finding["Severity"]?.objectValue ?? [:]
                severity["Label"] = label
                finding["Severity"] = .object(severity)
            }
        }
    }

    /// Why `fields` cannot be stored on the finding: too many, or a key too long.
    private func fieldsProblem(id: String, productARN: String, fields: [String: String]?)
        -> String?
    {
        guard let fields else { return nil }
        if let long = fields.keys.first(where: { $0.count > SecurityHubModel.maxFieldKeyLength }) {
            return "The UserDefinedFields key \(long.prefix(20))… is longer than 128 characters"
        }
        let existing =
            store.finding(id: id, productARN: productARN)?["UserDefinedFields"]?
            .objectValue ?? [:]
        let names =
            fieldsUpdate == .merge ? Set(existing.keys).union(fields.keys) : Set(fields.keys)
        if names.count > SecurityHubModel.maxUserDefinedFields {
            return "A finding holds at most 50 UserDefinedFields"
        }
        return nil
    }

    private func getFindings(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let filters = call.body["Filters"]?.objectValue ?? [:]
        let matching = store.findings.filter { FindingFilter.matches($0, filters: filters) }
        let page = try pagination.page(
            matching, requestKey: "GetFindings/\(call.body["Filters"]?.jsonText ?? "")",
            token: call.body["NextToken"]?.stringValue,
            maxResults: call.body["MaxResults"]?.numberValue.map { Int($0) },
            pageLimit: pageSizes["GetFindings"] ?? 100,
            invalid: { .invalid(.securityHub, $0) })
        var output: [String: JSONValue] = ["Findings": .array(page.items)]
        if let next = page.nextToken { output["NextToken"] = .string(next) }
        return .object(output)
    }
}
