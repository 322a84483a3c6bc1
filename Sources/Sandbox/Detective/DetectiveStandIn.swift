import JSON
import Synchronization

/// Amazon Detective's investigation API, seeded from a scenario, one graph list per region.
public final class DetectiveStandIn: StandIn, Sendable {
    let service = ServiceName.detective
    let operations = DetectiveModel.operations
    let regions: Set<String>

    private let graphs: [ScenarioGraph]
    private let behaviors: [InvestigationBehavior]
    private let pageSizes: [String: Int]
    private let clock: WallClock
    private let pagination = Pagination(prefix: "dtv")
    private let state: Mutex<[Investigation]>
    private let sequence = Atomic<Int>(0)

    /// A Detective seeded with `scenario`'s graphs, behaviours and existing investigations.
    public init(scenario: Scenario, clock: @escaping WallClock = systemWallClock) {
        regions = scenario.detectiveRegions
        graphs = scenario.graphs
        behaviors = scenario.investigations
        pageSizes = scenario.pageSizes
        self.clock = clock
        let now = clock()
        var seeded: [Investigation] = []
        for (index, existing) in scenario.existingInvestigations.enumerated() {
            var behavior = Self.behavior(
                for: existing.entityARN, graphARN: existing.graphARN, in: scenario.investigations)
            behavior.finalStatus = existing.status
            if let severity = existing.severity { behavior.severity = severity }
            let created = now - existing.createdSecondsAgo
            var investigation = Investigation(
                id: Self.investigationID(time: created, sequence: 900 + index),
                graphARN: existing.graphARN, entityARN: existing.entityARN,
                entityType: Self.entityType(existing.entityARN) ?? "IAM_ROLE",
                createdTime: created, scopeStartTime: created - 86_400,
                scopeEndTime: created - 300, behavior: behavior)
            if existing.status != "RUNNING" { investigation.finishedStatus = existing.status }
            seeded.append(investigation)
        }
        state = Mutex(seeded)
    }

    /// Every investigation, started or seeded, oldest first.
    public var investigations: [Investigation] {
        state.withLock { $0 }
    }

    /// The current time of this stand-in's clock.
    public var now: Double { clock() }

    func perform(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        switch call.operation.name {
        case "ListGraphs": return try listGraphs(call)
        case "StartInvestigation": return try startInvestigation(call)
        case "GetInvestigation": return try getInvestigation(call)
        case "ListIndicators": return try listIndicators(call)
        default: return try listInvestigations(call)
        }
    }

    private func listGraphs(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let inRegion = graphs.filter { $0.region == call.region }
        let page = try pagination.page(
            inRegion, requestKey: "ListGraphs/\(call.region)",
            token: call.body["NextToken"]?.stringValue,
            maxResults: call.body["MaxResults"]?.numberValue.map { Int($0) },
            pageLimit: pageSizes["ListGraphs"] ?? 200, invalid: invalid)
        var output: [String: JSONValue] = [
            "GraphList": .array(
                page.items.map {
                    [
                        "Arn": .string($0.arn),
                        "CreatedTime": .string(Timestamp.format($0.createdTime)),
                    ]
                })
        ]
        if let next = page.nextToken { output["NextToken"] = .string(next) }
        return .object(output)
    }

    private func startInvestigation(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let graphARN = try graph(call)
        let entityARN = call.body["EntityArn"]?.stringValue ?? ""
        guard let entityType = Self.entityType(entityARN) else {
            throw invalid("EntityArn must be the ARN of an IAM user or IAM role")
        }
        guard ARNParts(entityARN)?.partition == ARNParts(graphARN)?.partition else {
            throw invalid("EntityArn is not in the partition of the behavior graph")
        }
        let start = Timestamp.parse(call.body["ScopeStartTime"]?.stringValue ?? "") ?? 0
        let end = Timestamp.parse(call.body["ScopeEndTime"]?.stringValue ?? "") ?? 0
        let now = clock()
        guard start < end else { throw invalid("ScopeStartTime must be before ScopeEndTime") }
        guard end <= now + 60 else { throw invalid("ScopeEndTime must not be in the future") }

        let number = sequence.add(1, ordering: .relaxed).newValue
        let investigation = Investigation(
            id: Self.investigationID(time: now, sequence: number), graphARN: graphARN,
            entityARN: entityARN, entityType: entityType, createdTime: now,
            scopeStartTime: start, scopeEndTime: end,
            behavior: Self.behavior(for: entityARN, graphARN: graphARN, in: behaviors))
        state.withLock { $0.append(investigation) }
        return ["InvestigationId": .string(investigation.id)]
    }

    private func getInvestigation(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let graphARN = try graph(call)
        let id = call.body["InvestigationId"]?.stringValue ?? ""
        let now = clock()
        let found: Investigation? = state.withLock { list in
            guard let index = list.firstIndex(where: { $0.id == id && $0.graphARN == graphARN })
            else { return nil }
            list[index].polls += 1
            let status = list[index].status(at: now)
            if status != "RUNNING" { list[index].finishedStatus = status }
            return list[index]
        }
        guard let investigation = found else { throw notFound(id) }

        var output: [String: JSONValue] = [
            "GraphArn": .string(investigation.graphARN),
            "InvestigationId": .string(investigation.id),
            "EntityArn": .string(investigation.entityARN),
            "EntityType": .string(investigation.entityType),
            "CreatedTime": .string(Timestamp.format(investigation.createdTime)),
            "ScopeStartTime": .string(Timestamp.format(investigation.scopeStartTime)),
            "ScopeEndTime": .string(Timestamp.format(investigation.scopeEndTime)),
            "Status": .string(investigation.status(at: now)),
            "State": "ACTIVE",
        ]
        if let severity = investigation.severity(at: now) { output["Severity"] = .string(severity) }
        return .object(output)
    }

    private func listIndicators(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let graphARN = try graph(call)
        let id = call.body["InvestigationId"]?.stringValue ?? ""
        let now = clock()
        guard
            let investigation = investigations.first(where: {
                $0.id == id && $0.graphARN == graphARN
            })
        else { throw notFound(id) }
        let type = call.body["IndicatorType"]?.stringValue
        let indicators = investigation.indicators(at: now).filter { type == nil || $0.type == type }
        let page = try pagination.page(
            indicators, requestKey: "ListIndicators/\(graphARN)/\(id)/\(type ?? "")",
            token: call.body["NextToken"]?.stringValue,
            maxResults: call.body["MaxResults"]?.numberValue.map { Int($0) },
            pageLimit: pageSizes["ListIndicators"] ?? 100, invalid: invalid)
        var output: [String: JSONValue] = [
            "GraphArn": .string(graphARN), "InvestigationId": .string(id),
            "Indicators": .array(page.items.map(\.value)),
        ]
        if let next = page.nextToken { output["NextToken"] = .string(next) }
        return .object(output)
    }

    private func listInvestigations(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue {
        let graphARN = try graph(call)
        let now = clock()
        let criteria = call.body["FilterCriteria"] ?? .object([:])
        let matching = investigations.filter { investigation in
            investigation.graphARN == graphARN
                && Self.matches(investigation, criteria: criteria, at: now)
        }
        let sorted = Self.sort(matching, by: call.body["SortCriteria"], at: now)
        let page = try pagination.page(
            sorted,
            requestKey: "ListInvestigations/\(call.body["GraphArn"]?.jsonText ?? "")/"
                + "\(criteria.jsonText)/\(call.body["SortCriteria"]?.jsonText ?? "")",
            token: call.body["NextToken"]?.stringValue,
            maxResults: call.body["MaxResults"]?.numberValue.map { Int($0) },
            pageLimit: pageSizes["ListInvestigations"] ?? 100, invalid: invalid)
        var output: [String: JSONValue] = [
            "InvestigationDetails": .array(
                page.items.map { investigation in
                    var detail: [String: JSONValue] = [
                        "InvestigationId": .string(investigation.id),
                        "Status": .string(investigation.status(at: now)),
                        "State": "ACTIVE",
                        "CreatedTime": .string(Timestamp.format(investigation.createdTime)),
                        "EntityArn": .string(investigation.entityARN),
                        "EntityType": .string(investigation.entityType),
                    ]
                    if let severity = investigation.severity(at: now) {
                        detail["Severity"] = .string(severity)
                    }
                    return .object(detail)
                })
        ]
        if let next = page.nextToken { output["NextToken"] = .string(next) }
        return .object(output)
    }

    /// The request's graph, when it exists in the region the request was signed for.
    private func graph(_ call: ServiceCall) throws(ErrorAnswer) -> String {
        let arn = call.body["GraphArn"]?.stringValue ?? ""
        guard graphs.contains(where: { $0.arn == arn && $0.region == call.region }) else {
            throw ErrorAnswer.notFound(
                "The request refers to a nonexistent resource: no behavior graph \(arn) "
                    + "in \(call.region)")
        }
        return arn
    }

    private func invalid(_ message: String) -> ErrorAnswer {
        .invalid(.detective, message)
    }

    private func notFound(_ id: String) -> ErrorAnswer {
        .notFound("The request refers to a nonexistent resource: investigation \(id)")
    }
}
