import JSON

extension DetectiveStandIn {
    /// `IAM_USER` or `IAM_ROLE` for an IAM user or role ARN, else nil.
    static func entityType(_ arn: String) -> String? {
        guard let parts = ARNParts(arn), parts.service == "iam", parts.region.isEmpty,
            parts.account.count == 12, parts.account.allSatisfy(\.isNumber)
        else { return nil }
        if parts.resource.hasPrefix("user/") { return "IAM_USER" }
        if parts.resource.hasPrefix("role/") { return "IAM_ROLE" }
        return nil
    }

    /// The scenario's behaviour for `entityARN` in `graphARN`; without one, a quiet success.
    static func behavior(
        for entityARN: String, graphARN: String, in behaviors: [InvestigationBehavior]
    ) -> InvestigationBehavior {
        let exact = behaviors.first { $0.entityARN == entityARN && $0.graphARN == graphARN }
        let any = behaviors.first { $0.entityARN == entityARN && $0.graphARN == nil }
        return exact ?? any
            ?? InvestigationBehavior(
                entityARN: entityARN, graphARN: nil, finalStatus: "SUCCESSFUL", runningPolls: 1,
                runningSeconds: 0, severity: "INFORMATIONAL", indicators: [])
    }

    /// A 21-digit ID like Detective's: the creation time in milliseconds, then a sequence.
    static func investigationID(time: Double, sequence: Int) -> String {
        let milliseconds = String(Int64(time * 1000))
        let tail = String(sequence % 100_000_000)
        let padded = String(repeating: "0", count: max(0, 8 - tail.count)) + tail
        let id = milliseconds + padded
        return String(repeating: "0", count: max(0, 21 - id.count)) + id.suffix(21)
    }

    /// True when `investigation` passes every filter of `criteria`.
    static func matches(_ investigation: Investigation, criteria: JSONValue, at now: Double)
        -> Bool
    {
        let fields: [(String, String?)] = [
            ("EntityArn", investigation.entityARN), ("Status", investigation.status(at: now)),
            ("State", "ACTIVE"), ("Severity", investigation.severity(at: now)),
        ]
        for (name, actual) in fields {
            if let wanted = criteria[name]?["Value"]?.stringValue, wanted != actual { return false }
        }
        if let range = criteria["CreatedTime"],
            let start = Timestamp.parse(range["StartInclusive"]?.stringValue ?? ""),
            let end = Timestamp.parse(range["EndInclusive"]?.stringValue ?? "")
        {
            let created = (investigation.createdTime * 1000).rounded(.down) / 1000
            if created < start || created > end { return false }
        }
        return true
    }

    /// `investigations` in the order `sortCriteria` asks for; newest first by default.
    static func sort(_ investigations: [Investigation], by sortCriteria: JSONValue?, at now: Double)
        -> [Investigation]
    {
        let field = sortCriteria?["Field"]?.stringValue ?? "CREATED_TIME"
        let ascending = (sortCriteria?["SortOrder"]?.stringValue ?? "DESC") == "ASC"
        let severityRank = DetectiveModel.severity
        let statusRank = DetectiveModel.status
        func key(_ investigation: Investigation) -> Double {
            switch field {
            case "SEVERITY":
                Double(severityRank.firstIndex(of: investigation.severity(at: now) ?? "") ?? -1)
            case "STATUS":
                Double(statusRank.firstIndex(of: investigation.status(at: now)) ?? -1)
            default: investigation.createdTime
            }
        }
        return investigations.sorted { ascending ? key($0) < key($1) : key($0) > key($1) }
    }
}
