/// Findings of chaos runs counted by how they ended.
public struct ChaosTally: Sendable, Equatable {
    /// Runs counted.
    public var runs = 0
    /// Findings sent, one per finding per event.
    public var findings = 0
    /// Written back, by outcome (`complete`, `running`, `failed`, `skipped`).
    public var written: [String: Int] = [:]
    /// In an invocation that failed through the error path, so Lambda retries them.
    public var retried = 0
    /// Neither written nor retried.
    public var lost = 0
    /// Invocations answered after their deadline.
    public var lateInvocations = 0
    /// Requests an injected fault hit.
    public var faultsFired = 0
    /// Requests the stand-ins refused or questioned.
    public var violations = 0

    /// An empty tally.
    public init() {}

    /// Counts one run.
    public mutating func add(_ run: ChaosRunResult) {
        runs += 1
        findings += run.fates.count
        for fate in run.fates {
            switch fate.fate {
            case .written(let outcome): written[outcome, default: 0] += 1
            case .retried: retried += 1
            case .lost: lost += 1
            }
        }
        lateInvocations += run.lateInvocations
        faultsFired += run.faultsFired
        violations += run.violations.count
    }

    /// Adds another tally's counts to this one.
    public mutating func add(_ other: ChaosTally) {
        runs += other.runs
        findings += other.findings
        written.merge(other.written, uniquingKeysWith: +)
        retried += other.retried
        lost += other.lost
        lateInvocations += other.lateInvocations
        faultsFired += other.faultsFired
        violations += other.violations
    }

    /// The table's cells for this tally, after the scenario's name.
    var cells: [String] {
        [runs, findings]
            .map(String.init)
            + ["complete", "running", "failed", "skipped"].map { String(written[$0] ?? 0) }
            + [retried, lost, lateInvocations, faultsFired].map(String.init)
    }

    /// The rendered table of `rows`, with a total line when there is more than one.
    public static func table(_ rows: [(name: String, tally: ChaosTally)]) -> [String] {
        let header = [
            "scenario", "runs", "findings", "complete", "running", "failed", "skipped",
            "retried", "lost", "late", "faults",
        ]
        var lines = rows.map { [$0.name] + $0.tally.cells }
        if rows.count > 1 {
            var total = ChaosTally()
            rows.forEach { total.add($0.tally) }
            lines.append(["total"] + total.cells)
        }
        let widths = header.indices.map { column in
            ([header] + lines).map { $0[column].count }.max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [render(header), rule] + lines.map(render)
    }
}
