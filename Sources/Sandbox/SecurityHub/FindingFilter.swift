import JSON

/// The `GetFindings` filters the sandbox understands: string filters on top-level members
/// and map filters on `UserDefinedFields`; others match every finding.
enum FindingFilter {
    static func matches(_ finding: JSONValue, filters: [String: JSONValue]) -> Bool {
        for (name, list) in filters {
            guard let conditions = list.arrayValue, !conditions.isEmpty else { continue }
            if name == "UserDefinedFields" {
                let fields = finding["UserDefinedFields"]?.objectValue ?? [:]
                if !mapMatches(fields, conditions) { return false }
            } else if let actual = finding[name]?.stringValue ?? topLevel(name, finding) {
                if !stringMatches(actual, conditions) { return false }
            } else if conditions.contains(where: { isPositive($0) }) {
                return false
            }
        }
        return true
    }

    private static func topLevel(_ name: String, _ finding: JSONValue) -> String? {
        switch name {
        case "ProductName": finding["ProductFields"]?["aws/securityhub/ProductName"]?.stringValue
        case "WorkflowStatus": finding["Workflow"]?["Status"]?.stringValue
        case "SeverityLabel": finding["Severity"]?["Label"]?.stringValue
        default: nil
        }
    }

    private static func isPositive(_ condition: JSONValue) -> Bool {
        ["EQUALS", "PREFIX", "CONTAINS"].contains(condition["Comparison"]?.stringValue ?? "EQUALS")
    }

    // Positive comparisons are joined by OR, negative ones by AND, as the API reference says.
    private static func stringMatches(_ actual: String, _ conditions: [JSONValue]) -> Bool {
        var positives: [Bool] = []
        for condition in conditions {
            let value = condition["Value"]?.stringValue ?? ""
            switch condition["Comparison"]?.stringValue ?? "EQUALS" {
            case "EQUALS": positives.append(actual == value)
            case "PREFIX": positives.append(actual.hasPrefix(value))
            case "CONTAINS": positives.append(actual.contains(value))
            case "NOT_EQUALS": if actual == value { return false }
            case "PREFIX_NOT_EQUALS": if actual.hasPrefix(value) { return false }
            case "NOT_CONTAINS": if actual.contains(value) { return false }
            default: continue
            }
        }
        return positives.isEmpty || positives.contains(true)
    }

    private static func mapMatches(_ fields: [String: JSONValue], _ conditions: [JSONValue])
        -> Bool
    {
        var positives: [Bool] = []
        for condition in conditions {
            let key = condition["Key"]?.stringValue ?? ""
            let value = condition["Value"]?.stringValue ?? ""
            let actual = fields[key]?.stringValue
            switch condition["Comparison"]?.stringValue ?? "EQUALS" {
            case "EQUALS": positives.append(actual == value)
            case "CONTAINS": positives.append(actual?.contains(value) ?? false)
            case "NOT_EQUALS": if actual == value { return false }
            case "NOT_CONTAINS": if actual?.contains(value) ?? false { return false }
            default: continue
            }
        }
        return positives.isEmpty || positives.contains(true)
    }
}
