extension RunReport {
    /// The report as lines a person reads: a row per finding with its indicators and note,
    /// then invocation failures, violations and the verdict.
    public func rendered(width: Int = 100) -> [String] {
        var lines = ["", "Results of scenario \(scenarioName)", ""]
        lines.append(
            "  " + pad("FINDING", 14) + pad("ENTITY", 34) + pad("OUTCOME", 22) + "SEVERITY")
        for finding in findings {
            let mark = finding.mismatches.isEmpty ? "✔ " : "✘ "
            let shortID =
                "…" + String(finding.findingID.split(separator: "/").last?.suffix(12) ?? "")
            let entity = finding.entityARN.map { ARNParts($0)?.resource ?? $0 } ?? "-"
            var outcome = finding.outcome ?? "(not written)"
            if let expected = finding.expected?.outcome, expected != finding.outcome {
                outcome += " ≠ \(expected)"
            }
            lines.append(
                mark + pad(shortID, 14) + pad(entity, 34) + pad(outcome, 22)
                    + (finding.severity ?? "-"))
            if let indicators = finding.indicators {
                let listed = indicators.split(separator: ",").joined(separator: ", ")
                lines += wrap("indicators: " + listed, width: width, indent: 6)
            }
            if let reason = finding.reason {
                lines += wrap("reason: " + reason, width: width, indent: 6)
            }
            if let note = finding.noteText {
                let by = finding.noteUpdatedBy.map { " (by \($0))" } ?? ""
                lines += wrap("note\(by): " + note, width: width, indent: 6)
            }
            if let summary = finding.summary {
                lines += wrap("detective_summary: " + summary, width: width, indent: 6)
            }
            for mismatch in finding.mismatches {
                lines.append("      ✘ " + mismatch)
            }
        }
        lines.append("")
        for failure in failedInvocations {
            lines.append("✘ invocation failed: " + failure)
        }
        if violations.isEmpty {
            lines.append("Violations: none")
        } else {
            lines.append("Violations (\(violations.count)):")
            for violation in violations {
                lines += wrap("✘ " + violation.description, width: width, indent: 4)
            }
        }
        lines.append("Faults injected: \(faultsFired) request(s)")
        if let abortReason {
            lines.append("✘ the run stopped early: \(abortReason)")
        }
        let met = findings.filter { $0.expected != nil && $0.mismatches.isEmpty }.count
        let expected = findings.filter { $0.expected != nil }.count
        lines.append(
            passed
                ? "PASS: \(met) of \(expected) expected outcomes happened"
                : "FAIL: \(met) of \(expected) expected outcomes happened")
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let shown = text.count >= width ? String(text.prefix(width - 2)) + "…" : text
        return shown + String(repeating: " ", count: max(1, width - shown.count))
    }

    private func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > width - indent {
                lines.append(margin + current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(margin + current) }
        return lines
    }
}
