import Synchronization

/// Turns changes in Detective's investigations into progress lines a person can follow.
final class ProgressWatcher: Sendable {
    private let seen = Mutex<[String: String]>([:])
    private let existing: Set<String>

    /// A watcher that reports the investigations already in `detective` as existing ones.
    init(_ detective: DetectiveStandIn) {
        existing = Set(detective.investigations.map(\.id))
    }

    /// Reports every investigation that started, was polled or finished since the last call.
    func report(_ detective: DetectiveStandIn, progress: (String) -> Void) {
        let now = detective.now
        var lines: [String] = []
        seen.withLock { seen in
            for investigation in detective.investigations {
                let status = investigation.status(at: now)
                let entity = ARNParts(investigation.entityARN)?.resource ?? investigation.entityARN
                let region = ARNParts(investigation.graphARN)?.region ?? ""
                let state = "\(status)/\(investigation.polls)"
                guard seen[investigation.id] != state else { continue }
                if seen[investigation.id] == nil {
                    let how = existing.contains(investigation.id) ? "already there" : "started"
                    lines.append(
                        "  investigation \(investigation.id) of \(entity) in \(region): \(how)")
                }
                seen[investigation.id] = state
                if investigation.polls > 0 || status != "RUNNING" {
                    let severity = investigation.severity(at: now).map { ", \($0)" } ?? ""
                    lines.append(
                        "  investigation \(investigation.id) of \(entity): \(status)\(severity) "
                            + "after \(investigation.polls) poll(s)")
                }
            }
        }
        lines.forEach(progress)
    }
}
