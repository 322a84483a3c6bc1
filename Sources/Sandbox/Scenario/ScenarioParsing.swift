import AWSSigning
import JSON

#if canImport(Glibc)
    import Glibc
#endif

extension Scenario {
    /// The scenario in the JSON file at `path`.
    public init(contentsOfFile path: String) throws(ScenarioError) {
        guard let bytes = readFile(path) else {
            throw ScenarioError(.unreadable, path: "", "cannot read \(path)")
        }
        try self.init(json: bytes)
    }

    /// The scenario in `json`, checked: every reference resolves, every indicator is valid.
    public init(json: [UInt8]) throws(ScenarioError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: json)
        } catch {
            throw ScenarioError(.notJSON, path: "", "the scenario is not valid JSON")
        }
        let root = ScenarioReader(document)

        name = try root.at("name").string()
        description = try root.at("description").optionalString() ?? ""
        let keys = root.at("credentials")
        credentials = AWSCredentials(
            accessKeyID: try keys.at("accessKeyId").string(),
            secretAccessKey: try keys.at("secretAccessKey").string(),
            sessionToken: try keys.at("sessionToken").optionalString())
        securityHubRegion = try root.at("securityHubRegion").string()
        functionName = try root.at("functionName").optionalString() ?? "InvestigateWithDetective"
        environment = try root.at("environment").stringMap()
        pageSizes = [:]
        for (operation, size) in try root.at("pageSizes").stringMapOfIntegers() {
            pageSizes[operation] = size
        }
        userDefinedFieldsUpdate =
            FieldsUpdate(
                rawValue: try root.at("userDefinedFieldsUpdate").oneOf(
                    ["merge", "replace"], default: "merge")) ?? .merge
        invocationTimeoutSeconds = try root.at("invocationTimeoutSeconds").number(
            default: 120, max: 900)

        graphs = try Self.graphs(root.at("graphs"))
        detectiveRegions = Set(graphs.map(\.region)).union(
            try root.at("detectiveRegions").strings())
        findings = try Self.findings(root.at("findings"))
        let findingIDs = Set(findings.compactMap { $0["Id"]?.stringValue })
        events = try Self.events(root.at("events"), findingIDs: findingIDs)
        investigations = try root.at("investigations").array().map(Self.behavior)
        existingInvestigations = try root.at("existingInvestigations").array().map(Self.existing)
        faults = try root.at("faults").array().map(Self.fault)
        expected = try Self.expectations(root.at("expected"), findingIDs: findingIDs)
    }

    private static func graphs(_ list: ScenarioReader) throws(ScenarioError) -> [ScenarioGraph] {
        var graphs: [ScenarioGraph] = []
        for entry in try list.array() {
            let arn = try entry.at("arn").string()
            guard ShapeValidator.matches(arn, DetectiveModel.graphARNPattern) else {
                throw entry.at("arn").fail("not a behavior graph ARN")
            }
            let created = try entry.at("createdTime").timestamp(default: 1_704_067_200)
            graphs.append(ScenarioGraph(arn: arn, createdTime: created))
        }
        return graphs
    }

    private static func findings(_ list: ScenarioReader) throws(ScenarioError) -> [JSONValue] {
        var findings: [JSONValue] = []
        for entry in try list.array() {
            _ = try entry.at("Id").string()
            _ = try entry.at("ProductArn").string()
            findings.append(entry.value)
        }
        return findings
    }

    private static func events(_ list: ScenarioReader, findingIDs: Set<String>)
        throws(ScenarioError) -> [ScenarioEvent]
    {
        var events: [ScenarioEvent] = []
        for entry in try list.array() {
            if entry.at("envelope").isPresent {
                events.append(
                    ScenarioEvent(
                        detailType: "", findingIDs: [], region: nil, actionName: nil,
                        rawEnvelope: entry.at("envelope").value))
                continue
            }
            let detailType = try entry.at("detailType").oneOf([
                EventEnvelope.imported, EventEnvelope.customAction,
            ])
            let ids = try entry.at("findings").strings()
            for (index, id) in ids.enumerated() where !findingIDs.contains(id) {
                throw entry.at("findings").at("\(index)").fail("no finding has Id \(id)")
            }
            events.append(
                ScenarioEvent(
                    detailType: detailType, findingIDs: ids,
                    region: try entry.at("region").optionalString(),
                    actionName: try entry.at("actionName").optionalString(), rawEnvelope: nil))
        }
        return events
    }

    private static func behavior(_ entry: ScenarioReader) throws(ScenarioError)
        -> InvestigationBehavior
    {
        var indicators: [JSONValue] = []
        for indicator in try entry.at("indicators").array() {
            let problems = ShapeValidator.problems(
                indicator.value, against: DetectiveModel.indicator)
            if let problem = problems.first {
                throw indicator.fail("\(problem.path): \(problem.message)")
            }
            let type = try indicator.at("IndicatorType").string()
            let members = indicator.value["IndicatorDetail"]?.objectValue?.keys.sorted() ?? []
            guard members == [DetectiveModel.detailMember[type] ?? ""] else {
                throw indicator.fail(
                    "IndicatorDetail of a \(type) holds \(DetectiveModel.detailMember[type] ?? "")")
            }
            indicators.append(indicator.value)
        }
        return InvestigationBehavior(
            entityARN: try entry.at("entityArn").string(),
            graphARN: try entry.at("graphArn").optionalString(),
            finalStatus: try entry.at("status").oneOf(DetectiveModel.status, default: "SUCCESSFUL"),
            runningPolls: try entry.at("runningPolls").integer(default: 1),
            runningSeconds: try entry.at("runningSeconds").number(default: 0),
            severity: try entry.at("severity").oneOf(
                DetectiveModel.severity, default: "INFORMATIONAL"),
            indicators: indicators)
    }

    private static func existing(_ entry: ScenarioReader) throws(ScenarioError)
        -> ExistingInvestigation
    {
        ExistingInvestigation(
            graphARN: try entry.at("graphArn").string(),
            entityARN: try entry.at("entityArn").string(),
            status: try entry.at("status").oneOf(DetectiveModel.status),
            severity: entry.at("severity").isPresent
                ? try entry.at("severity").oneOf(DetectiveModel.severity) : nil,
            createdSecondsAgo: try entry.at("createdSecondsAgo").number(
                default: 600, max: 365 * 86_400))
    }

    private static func fault(_ entry: ScenarioReader) throws(ScenarioError) -> Fault {
        let service =
            ServiceName(rawValue: try entry.at("service").oneOf(["detective", "securityhub"]))
            ?? .detective
        let operations =
            (service == .detective ? DetectiveModel.operations : SecurityHubModel.operations)
            .map(\.name)
        let operation = try entry.at("operation").oneOf(operations)
        let times = try entry.at("times").integer(default: 1)
        let kind: Fault.Kind
        switch try entry.at("kind").oneOf([
            "throttle", "serverError", "dropConnection", "truncatedResponse", "slow", "unprocessed",
        ]) {
        case "throttle":
            let fallback =
                service == .detective ? "TooManyRequestsException" : "LimitExceededException"
            kind = .throttle(code: try entry.at("code").optionalString() ?? fallback)
        case "serverError":
            let status = try entry.at("status").integer(default: 500)
            guard (500...599).contains(status) else { throw entry.at("status").fail("not 5xx") }
            let fallback = service == .detective ? "InternalServerException" : "InternalException"
            kind = .serverError(
                status: status, code: try entry.at("code").optionalString() ?? fallback)
        case "dropConnection":
            kind = .dropConnection
        case "truncatedResponse":
            kind = .truncatedResponse
        case "slow":
            kind = .slow(seconds: try entry.at("seconds").number(default: 1, max: 600))
        default:
            guard operation == "BatchUpdateFindings" else {
                throw entry.at("kind").fail("unprocessed applies to BatchUpdateFindings only")
            }
            kind = .unprocessed(
                errorCode: try entry.at("errorCode").optionalString() ?? "ConcurrentUpdateError")
        }
        return Fault(service: service, operation: operation, kind: kind, times: times)
    }

    private static func expectations(_ list: ScenarioReader, findingIDs: Set<String>)
        throws(ScenarioError) -> [ExpectedOutcome]
    {
        var expected: [ExpectedOutcome] = []
        for entry in try list.array() {
            let id = try entry.at("findingId").string()
            guard findingIDs.contains(id) else {
                throw entry.at("findingId").fail("unknown finding")
            }
            expected.append(
                ExpectedOutcome(
                    findingID: id,
                    outcome: try entry.at("outcome").oneOf([
                        "complete", "running", "failed", "skipped",
                    ]),
                    severity: entry.at("severity").isPresent
                        ? try entry.at("severity").oneOf(DetectiveModel.severity) : nil,
                    noteContains: try entry.at("noteContains").strings(),
                    reasonContains: try entry.at("reasonContains").strings()))
        }
        return expected
    }
}

extension ScenarioReader {
    func stringMapOfIntegers() throws(ScenarioError) -> [(String, Int)] {
        guard isPresent else { return [] }
        guard let object = value.objectValue else { throw fail("expected an object") }
        var result: [(String, Int)] = []
        for key in object.keys.sorted() {
            let size = try at(key).integer(default: 0)
            guard size > 0 else { throw at(key).fail("expected a positive integer") }
            result.append((key, size))
        }
        return result
    }
}

/// The whole file at `path`, or nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count > 0 { bytes += buffer[0..<count] }
        if count < buffer.count { break }
    }
    return ferror(file) == 0 ? bytes : nil
}
