import AWSClient

/// The text written to a finding: at most 512 characters, the report link last and whole.
enum NoteText {
    /// Security Hub's longest note.
    static let noteLimit = 512
    /// The longest value of a user-defined field.
    static let fieldLimit = 1024

    /// The opening verdict for a Detective severity.
    static func verdict(severity: String?) -> String {
        switch severity {
        case "INFORMATIONAL", "LOW":
            "No uncommon behaviour observed"
        case "MEDIUM":
            "Anomalous behaviour observed that might indicate compromise"
        case "HIGH", "CRITICAL":
            "Anomalous behaviour observed indicating potential compromise"
        default:
            "Investigation complete"
        }
    }

    /// The console link to an investigation report, or nil for a region without a console.
    static func reportLink(region: String, investigationID: String) -> String? {
        guard DetectiveIDs.isInvestigationID(investigationID) else { return nil }
        return Partition.consoleURL(
            region: region, servicePath: "detective/home",
            fragment: "investigationReport/\(investigationID)")
    }

    /// The body of the note for an investigation result, without the link.
    static func body(for result: InvestigationResult) -> String {
        let subject = "\(result.entity.kind.label) \(result.entity.name)"
        let window = "\(hours(result.scope.hours)) h window"
        switch result.outcome {
        case .complete:
            let severity = result.severity.map { " (Detective severity \($0))" } ?? ""
            var text = "\(verdict(severity: result.severity))\(severity). "
            text += "Detective investigated the \(subject) over a \(window). "
            text += result.indicators?.text ?? "No indicators."
            return text
        case .running:
            return "Detective is still investigating the \(subject) over a \(window); "
                + "open the report for its result."
        case .failed:
            return "Detective investigation of the \(subject) failed: "
                + (result.reason ?? "no reason given") + "."
        case .skipped:
            return "Not investigated: " + (result.reason ?? "no reason given") + "."
        }
    }

    /// `body` followed by `link`, cut on a character boundary to at most `limit` UTF-16 units;
    /// the link is never cut.
    static func fitted(body: String, link: String?, limit: Int) -> String {
        guard let link else { return cut(body, to: limit) }
        let room = limit - link.utf16.count - 1
        guard room > 0 else { return link }
        return cut(body, to: room) + " " + link
    }

    /// `text` cut to at most `limit` UTF-16 units, whole characters only, marked with `…`.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        let ellipsis = "…"
        var kept = ""
        var used = 0
        for character in text {
            let size = character.utf16.count
            guard used + size + ellipsis.utf16.count <= limit else { break }
            kept.append(character)
            used += size
        }
        return kept + ellipsis
    }

    private static func hours(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int(tenths / 10)) }
        return String(Int(tenths) / 10) + "." + String(Int(tenths) % 10)
    }
}
