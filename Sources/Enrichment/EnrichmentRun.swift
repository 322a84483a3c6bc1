import AWSClient
import JSON
import Logging

/// Handles one event: plans each finding, runs the investigations, writes the results back.
struct EnrichmentRun: Sendable {
    let settings: EnrichmentSettings
    let aws: any AWSCaller
    let graphs: GraphDirectory
    let environment: EnrichmentEnvironment
    let deadline: ContinuousClock.Instant
    let logger: Logger

    /// A finding's place in the run: already decided, or waiting on an investigation.
    private enum Plan: Sendable {
        case decided(FindingResult)
        case investigate(IAMEntity, region: String, start: Timestamp)
    }

    private struct GroupKey: Sendable, Hashable {
        var region: String
        var entity: IAMEntity
    }

    /// The results of every finding of `event`, in event order, each marked if not written.
    func run(_ event: SecurityHubEvent) async -> [FindingResult] {
        let end = Scope.end(now: environment.wallClock())
        let plans = event.findings.map { plan($0, eventRegion: event.region, end: end) }

        var groupStarts: [GroupKey: [Timestamp]] = [:]
        var groupOrder: [GroupKey] = []
        for case .investigate(let entity, let region, let start) in plans {
            let key = GroupKey(region: region, entity: entity)
            if groupStarts[key] == nil { groupOrder.append(key) }
            groupStarts[key, default: []].append(start)
        }
        let outcomes = await investigate(groupOrder, starts: groupStarts, end: end)

        var results: [FindingResult] = []
        var updates: [FindingUpdate] = []
        for (index, plan) in plans.enumerated() {
            var result: FindingResult
            switch plan {
            case .decided(let decided):
                result = decided
            case .investigate(let entity, let region, _):
                let investigation = outcomes[GroupKey(region: region, entity: entity)]
                result = FindingResult(
                    identifier: nil, outcome: investigation?.outcome ?? .failed,
                    investigation: investigation, reason: investigation?.reason)
            }
            if case .success(let finding) = event.findings[index] {
                result.identifier = finding.identifier
                result.findingSeverity = finding.severityLabel
                updates.append(
                    FindingUpdate(
                        finding: finding, result: result, functionName: settings.functionName))
            }
            results.append(result)
        }

        // The result must still reach the Runtime API before Lambda's own deadline, or the
        // invocation times out instead of failing with the findings it could not write.
        let reserve = min(Self.reportReserve, .seconds(settings.deadlineMarginSeconds / 2))
        let writer = SecurityHubWriter(
            aws: aws, region: settings.region, deadline: deadline - reserve,
            environment: environment, logger: logger)
        let unwritten = await writer.write(updates)
        for failure in unwritten {
            for index in results.indices where results[index].identifier == failure.identifier {
                results[index].writeError = failure.reason
            }
        }
        return results
    }

    private func plan(
        _ entry: Result<Finding, FindingDecodingError>, eventRegion: String?, end: Timestamp
    ) -> Plan {
        let finding: Finding
        switch entry {
        case .failure(let error):
            // Unreadable: skipped, never fatal; the others still count and a retry cannot mend it.
            return .decided(
                FindingResult(
                    identifier: error.identifier, outcome: .skipped, reason: error.reason))
        case .success(let read):
            finding = read
        }

        let entity: IAMEntity
        switch EntityResolver.resolve(finding) {
        case .notInvestigable(let reason):
            return .decided(FindingResult(outcome: .skipped, reason: reason))
        case .investigable(let resolved):
            entity = resolved
        }

        guard let region = finding.region ?? eventRegion,
            let regionPartition = Partition(region: region)
        else {
            return .decided(
                FindingResult(outcome: .skipped, reason: "the finding names no usable region"))
        }
        guard regionPartition == entity.partition else {
            return .decided(
                FindingResult(
                    outcome: .skipped,
                    reason: "the entity's partition \(entity.partition.rawValue) is not that "
                        + "of region \(region)"))
        }
        let start = Scope.start(
            observedAt: finding.observedAt, end: end, lookbackHours: settings.lookbackHours)
        return .investigate(entity, region: region, start: start)
    }

    /// What a region offers to investigate in.
    /// Time kept after the write-back for posting the result.
    static let reportReserve: Duration = .seconds(1)

    private enum GraphChoice: Sendable {
        case graph(String)
        case absent
        case failed(reason: String)
    }

    /// Runs one investigation per entity and region, at most `concurrency` at once.
    private func investigate(
        _ keys: [GroupKey], starts: [GroupKey: [Timestamp]], end: Timestamp
    ) async -> [GroupKey: InvestigationResult] {
        let detectiveDeadline = deadline - .seconds(settings.deadlineMarginSeconds)
        let choices = await chooseGraphs(
            regions: keys.map(\.region), deadline: detectiveDeadline)

        var results: [GroupKey: InvestigationResult] = [:]
        var requests: [(GroupKey, InvestigationRequest)] = []
        for key in keys {
            let scope = Scope(
                starts: starts[key] ?? [], end: end, maxScopeDays: settings.maxScopeDays)
            var result = InvestigationResult(
                outcome: .failed, entity: key.entity, region: key.region, scope: scope)
            switch choices[key.region] ?? .absent {
            case .graph(let graphARN):
                let request = InvestigationRequest(
                    entity: key.entity, region: key.region, graphARN: graphARN, scope: scope)
                requests.append((key, request))
                continue
            case .absent:
                result.outcome = .skipped
                result.reason = "no Detective behavior graph in \(key.region)"
            case .failed(let reason):
                result.reason = reason
            }
            results[key] = result
        }

        let width = max(1, settings.concurrency)
        await withTaskGroup(of: (GroupKey, InvestigationResult).self) { group in
            var next = 0
            func startNext() {
                guard next < requests.count else { return }
                let (key, request) = requests[next]
                next += 1
                let runner = InvestigationRunner(
                    detective: Detective(
                        aws: aws, region: request.region, deadline: detectiveDeadline),
                    settings: settings, environment: environment, logger: logger)
                group.addTask { (key, await runner.run(request)) }
            }

            for _ in 0..<width { startNext() }
            for await (key, result) in group {
                results[key] = result
                startNext()
            }
        }
        return results
    }

    /// The graph of each region; regions one at a time, so that each is asked only once.
    private func chooseGraphs(
        regions: [String], deadline: ContinuousClock.Instant
    ) async -> [String: GraphChoice] {
        var choices: [String: GraphChoice] = [:]
        for region in regions where choices[region] == nil {
            let detective = Detective(aws: aws, region: region, deadline: deadline)
            do {
                let graphARN = try await graphs.graph(for: detective)
                choices[region] = graphARN.map(GraphChoice.graph) ?? .absent
            } catch {
                let reason = "no behavior graph: " + InvestigationRunner.describe(error)
                choices[region] = .failed(reason: reason)
            }
        }
        return choices
    }
}
