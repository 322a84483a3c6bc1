import JSON

/// What an investigation's indicators say, condensed for a note and the finding's fields.
struct IndicatorSummary: Sendable, Equatable {
    /// The indicator types of the API model, in the order a summary names them.
    static let knownTypes = [
        "TTP_OBSERVED", "IMPOSSIBLE_TRAVEL", "FLAGGED_IP_ADDRESS", "NEW_GEOLOCATION", "NEW_ASO",
        "NEW_USER_AGENT", "RELATED_FINDING", "RELATED_FINDING_GROUP",
    ]

    /// How many indicators of each type, known types first, then others as first seen.
    var counts: [(type: String, count: Int)] = []
    var tactics: [String] = []
    var techniques: [String] = []
    var flaggedIPs: [String] = []
    var impossibleTravel: [String] = []
    var newGeolocations: [String] = []
    var newASOs: [String] = []
    var newUserAgents: [String] = []

    static func == (lhs: IndicatorSummary, rhs: IndicatorSummary) -> Bool {
        lhs.counts.elementsEqual(rhs.counts) { $0 == $1 } && lhs.tactics == rhs.tactics
            && lhs.techniques == rhs.techniques && lhs.flaggedIPs == rhs.flaggedIPs
            && lhs.impossibleTravel == rhs.impossibleTravel
            && lhs.newGeolocations == rhs.newGeolocations && lhs.newASOs == rhs.newASOs
            && lhs.newUserAgents == rhs.newUserAgents
    }

    /// Summarises `ListIndicators` entries; entries of an unexpected shape are skipped.
    init(indicators: [JSONValue]) {
        var countByType: [String: Int] = [:]
        var otherTypes: [String] = []
        for indicator in indicators {
            guard let type = indicator["IndicatorType"]?.stringValue else { continue }
            if countByType[type] == nil, !Self.knownTypes.contains(type) { otherTypes.append(type) }
            countByType[type, default: 0] += 1
            read(indicator["IndicatorDetail"] ?? .null)
        }
        counts = (Self.knownTypes + otherTypes).compactMap { type in
            countByType[type].map { (type, $0) }
        }
    }

    /// The indicator types seen, comma-separated (`detective_indicators`).
    var typesField: String {
        counts.map(\.type).joined(separator: ",")
    }

    /// One sentence per kind of evidence, most telling first.
    var text: String {
        guard !counts.isEmpty else { return "No indicators." }
        var parts: [String] = []
        for (type, count) in counts {
            switch type {
            case "TTP_OBSERVED":
                var part = "\(count) TTP\(count == 1 ? "" : "s") observed"
                if !tactics.isEmpty { part += " (tactics: \(tactics.joined(separator: ", "))" }
                if !techniques.isEmpty {
                    part += tactics.isEmpty ? " (" : "; "
                    part += "techniques: \(techniques.joined(separator: ", "))"
                }
                if !tactics.isEmpty || !techniques.isEmpty { part += ")" }
                parts.append(part)
            case "IMPOSSIBLE_TRAVEL":
                parts.append(listed("\(count) impossible travel", impossibleTravel))
            case "FLAGGED_IP_ADDRESS":
                parts.append(listed("\(count) flagged IP\(plural(count))", flaggedIPs))
            case "NEW_GEOLOCATION":
                parts.append(listed("\(count) new geolocation\(plural(count))", newGeolocations))
            case "NEW_ASO":
                parts.append(listed("\(count) new ASO\(plural(count))", newASOs))
            case "NEW_USER_AGENT":
                parts.append(listed("\(count) new user agent\(plural(count))", newUserAgents))
            case "RELATED_FINDING":
                parts.append("\(count) related finding\(plural(count))")
            case "RELATED_FINDING_GROUP":
                parts.append("\(count) related finding group\(plural(count))")
            default:
                parts.append("\(count) \(type)")
            }
        }
        return "Indicators: " + parts.joined(separator: "; ") + "."
    }

    private mutating func read(_ detail: JSONValue) {
        if let ttp = detail["TTPsObservedDetail"] {
            Self.add(ttp["Tactic"]?.stringValue, to: &tactics)
            Self.add(ttp["Technique"]?.stringValue, to: &techniques)
        }
        if let travel = detail["ImpossibleTravelDetail"] {
            let from = travel["StartingLocation"]?.stringValue ?? "?"
            let to = travel["EndingLocation"]?.stringValue ?? "?"
            Self.add("\(Self.trimmed(from)) to \(Self.trimmed(to))", to: &impossibleTravel)
        }
        if let flagged = detail["FlaggedIpAddressDetail"] {
            Self.add(flagged["IpAddress"]?.stringValue, to: &flaggedIPs)
        }
        if let geolocation = detail["NewGeolocationDetail"] {
            Self.add(geolocation["Location"]?.stringValue.map(Self.trimmed), to: &newGeolocations)
        }
        if let aso = detail["NewAsoDetail"] {
            Self.add(aso["Aso"]?.stringValue, to: &newASOs)
        }
        if let agent = detail["NewUserAgentDetail"] {
            Self.add(agent["UserAgent"]?.stringValue, to: &newUserAgents)
        }
    }

    private func listed(_ head: String, _ items: [String]) -> String {
        items.isEmpty ? head : "\(head) (\(items.joined(separator: ", ")))"
    }

    private func plural(_ count: Int) -> String { count == 1 ? "" : "s" }

    private static func add(_ item: String?, to list: inout [String]) {
        guard let item, !item.isEmpty, !list.contains(item) else { return }
        list.append(item)
    }

    // Detective writes locations as "City, CC, lat, lon"; the coordinates add nothing to a note.
    private static func trimmed(_ location: String) -> String {
        let parts = location.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        let named = parts.prefix(2).filter { !$0.isEmpty }
        return named.isEmpty ? location : named.joined(separator: ", ")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
