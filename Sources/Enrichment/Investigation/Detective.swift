import AWSClient
import JSON

/// Detective's answer about one investigation.
struct InvestigationState: Sendable, Equatable {
    /// `RUNNING`, `SUCCESSFUL` or `FAILED`.
    var status: String
    /// `INFORMATIONAL` … `CRITICAL`, once known.
    var severity: String?
}

/// A Detective investigation found by `ListInvestigations`.
struct InvestigationListing: Sendable, Equatable {
    var investigationID: String
    var status: String?
}

/// The Detective operations of one region, with request members named as the API model names
/// them. Every answer is checked before any part of it is used again.
struct Detective: Sendable {
    let aws: any AWSCaller
    let region: String
    /// Detective calls stop here: the deadline less the margin kept for writing back.
    let deadline: ContinuousClock.Instant

    /// Every behavior graph this account administers in the region (all pages).
    func listGraphs() async throws -> [String] {
        var graphs: [(arn: String, created: String)] = []
        try await paginate(
            operation: "ListGraphs", path: "/graphs/list", body: [:], maxResults: 200
        ) { page in
            for graph in page["GraphList"]?.arrayValue ?? [] {
                guard let arn = graph["Arn"]?.stringValue, DetectiveIDs.isGraphARN(arn) else {
                    continue
                }
                graphs.append((arn, graph["CreatedTime"]?.stringValue ?? ""))
            }
        }
        // The oldest graph first, so that the choice is stable across pages and calls.
        return graphs.sorted { ($0.created, $0.arn) < ($1.created, $1.arn) }.map(\.arn)
    }

    /// Investigations of `entityARN` in `graphARN` matching `filter`, newest first (all pages).
    func listInvestigations(
        graphARN: String, entityARN: String, filter: [String: JSONValue]
    ) async throws -> [InvestigationListing] {
        var criteria = filter
        criteria["EntityArn"] = ["Value": .string(entityARN)]
        let body: [String: JSONValue] = [
            "GraphArn": .string(graphARN), "FilterCriteria": .object(criteria),
            "SortCriteria": ["Field": "CREATED_TIME", "SortOrder": "DESC"],
        ]
        var listings: [InvestigationListing] = []
        try await paginate(
            operation: "ListInvestigations", path: "/investigations/listInvestigations",
            body: body
        ) { page in
            for detail in page["InvestigationDetails"]?.arrayValue ?? [] {
                guard let id = detail["InvestigationId"]?.stringValue,
                    DetectiveIDs.isInvestigationID(id),
                    detail["EntityArn"]?.stringValue.map({ $0 == entityARN }) ?? true
                else { continue }
                listings.append(
                    InvestigationListing(
                        investigationID: id, status: detail["Status"]?.stringValue))
            }
        }
        return listings
    }

    /// Starts an investigation and returns its id.
    func startInvestigation(graphARN: String, entityARN: String, scope: Scope) async throws
        -> String
    {
        let body: JSONValue = [
            "GraphArn": .string(graphARN), "EntityArn": .string(entityARN),
            "ScopeStartTime": .string(scope.start.iso8601),
            "ScopeEndTime": .string(scope.end.iso8601),
        ]
        let answer = try await call(
            "StartInvestigation", path: "/investigations/startInvestigation", body: body)
        guard let id = answer["InvestigationId"]?.stringValue, DetectiveIDs.isInvestigationID(id)
        else {
            throw invalidAnswer("StartInvestigation", "no valid InvestigationId")
        }
        return id
    }

    /// The status and severity of one investigation.
    func getInvestigation(graphARN: String, investigationID: String) async throws
        -> InvestigationState
    {
        let body: JSONValue = [
            "GraphArn": .string(graphARN), "InvestigationId": .string(investigationID),
        ]
        let answer = try await call(
            "GetInvestigation", path: "/investigations/getInvestigation", body: body)
        guard let status = answer["Status"]?.stringValue else {
            throw invalidAnswer("GetInvestigation", "no Status")
        }
        return InvestigationState(status: status, severity: answer["Severity"]?.stringValue)
    }

    /// Every indicator of a finished investigation (all pages).
    func listIndicators(graphARN: String, investigationID: String) async throws -> [JSONValue] {
        let body: [String: JSONValue] = [
            "GraphArn": .string(graphARN), "InvestigationId": .string(investigationID),
        ]
        var indicators: [JSONValue] = []
        try await paginate(
            operation: "ListIndicators", path: "/investigations/listIndicators", body: body
        ) { page in
            indicators += page["Indicators"]?.arrayValue ?? []
        }
        return indicators
    }

    /// Calls `operation` for every page, `maxResults` a page (the model's largest).
    private func paginate(
        operation: String, path: String, body: [String: JSONValue], maxResults: Int = 100,
        page: (JSONValue) -> Void
    ) async throws {
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            var request = body
            request["MaxResults"] = .number(Double(maxResults))
            if let token { request["NextToken"] = .string(token) }
            let answer = try await call(operation, path: path, body: .object(request))
            page(answer)
            token = answer["NextToken"]?.stringValue
            // A token seen before would loop for ever; the pages so far are all there is.
            if let next = token, !seenTokens.insert(next).inserted { token = nil }
        } while token != nil
    }

    private func call(_ operation: String, path: String, body: JSONValue) async throws
        -> JSONValue
    {
        let request = AWSCall(
            service: .detective, region: region, operation: operation, method: "POST",
            path: path, body: body)
        return try await aws.perform(request, deadline: deadline)
    }

    private func invalidAnswer(_ operation: String, _ message: String) -> AWSError {
        AWSError(
            code: .invalidResponse, service: .detective, operation: operation,
            message: "the answer has \(message)")
    }
}

/// Shapes of Detective identifiers, from the API model's patterns.
enum DetectiveIDs {
    /// Twenty-one digits (`InvestigationId`).
    static func isInvestigationID(_ text: String) -> Bool {
        text.utf8.count == 21 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `arn:PARTITION:detective:REGION:ACCOUNT:graph:` and 32 lower-case hex digits.
    static func isGraphARN(_ text: String) -> Bool {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 7, fields[0] == "arn", fields[1].hasPrefix("aws"),
            fields[2] == "detective", IAMNames.isAccountID(String(fields[4])),
            fields[5] == "graph"
        else { return false }
        let hex = fields[6].utf8
        return hex.count == 32
            && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            && regionOK(String(fields[3]))
    }

    /// The region a graph ARN names.
    static func region(ofGraph arn: String) -> String? {
        guard isGraphARN(arn) else { return nil }
        return String(arn.split(separator: ":", omittingEmptySubsequences: false)[3])
    }

    private static func regionOK(_ region: String) -> Bool {
        !region.isEmpty
            && region.utf8.allSatisfy { byte in
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
            }
    }
}
