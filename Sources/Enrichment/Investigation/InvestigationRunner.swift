import AWSClient
import JSON
import Logging

/// One entity to investigate in one region, with the scope its findings call for.
struct InvestigationRequest: Sendable {
    var entity: IAMEntity
    var region: String
    var graphARN: String
    var scope: Scope
}

/// Reuses or starts one investigation, waits for it within the deadline margin, and reads
/// its indicators.
struct InvestigationRunner: Sendable {
    /// The longest wait between two polls.
    static let longestPollSeconds: Double = 30
    /// The longest `StringFilter` value `ListInvestigations` accepts; a longer ARN cannot be
    /// looked up, only investigated anew.
    static let longestFilterValue = 500

    let detective: Detective
    let settings: EnrichmentSettings
    let environment: EnrichmentEnvironment
    let logger: Logger

    /// Runs `request` to one of `complete`, `running` or `failed`.
    func run(_ request: InvestigationRequest) async -> InvestigationResult {
        var result = InvestigationResult(
            outcome: .failed, entity: request.entity, region: request.region,
            scope: request.scope)
        let investigationID: String
        do {
            investigationID = try await reuseOrStart(request)
        } catch {
            result.reason = Self.describe(error)
            return result
        }
        result.investigationID = investigationID

        let state = await wait(for: investigationID, graphARN: request.graphARN)
        switch state {
        case .failure(let failure):
            result.reason = failure.reason
            return result
        case .success(let state):
            result.severity = state.severity
            switch state.status {
            case "RUNNING":
                result.outcome = .running
                return result
            case "SUCCESSFUL":
                break
            default:
                result.reason = "Detective ended the investigation \(state.status)"
                return result
            }
        }

        do {
            let indicators = try await detective.listIndicators(
                graphARN: request.graphARN, investigationID: investigationID)
            result.indicators = IndicatorSummary(indicators: indicators)
            result.outcome = .complete
        } catch {
            result.reason = "indicators unavailable: " + Self.describe(error)
        }
        return result
    }

    private func reuseOrStart(_ request: InvestigationRequest) async throws -> String {
        let entityARN = request.entity.arn
        guard entityARN.utf8.count <= Self.longestFilterValue else {
            return try await detective.startInvestigation(
                graphARN: request.graphARN, entityARN: entityARN, scope: request.scope)
        }
        let now = environment.wallClock()
        let since = now.adding(seconds: -Double(settings.reuseMinutes) * 60)
        let recent = try await detective.listInvestigations(
            graphARN: request.graphARN, entityARN: entityARN,
            filter: [
                "CreatedTime": [
                    "StartInclusive": .string(since.iso8601), "EndInclusive": .string(now.iso8601),
                ]
            ])
        // A recent investigation that failed says nothing; a new one may succeed.
        if let reusable = recent.first(where: { $0.status != "FAILED" }) {
            logger.debug(
                "reusing a recent investigation",
                ["investigationId": reusable.investigationID, "entityArn": entityARN])
            return reusable.investigationID
        }
        let running = try await detective.listInvestigations(
            graphARN: request.graphARN, entityARN: entityARN,
            filter: ["Status": ["Value": "RUNNING"]])
        if let reusable = running.first {
            logger.debug(
                "reusing a running investigation",
                ["investigationId": reusable.investigationID, "entityArn": entityARN])
            return reusable.investigationID
        }
        return try await detective.startInvestigation(
            graphARN: request.graphARN, entityARN: entityARN, scope: request.scope)
    }

    /// Polls until the status is not `RUNNING` or the margin is reached (then the last state).
    private func wait(for investigationID: String, graphARN: String) async
        -> Result<InvestigationState, WaitFailure>
    {
        var pause = max(settings.pollSeconds, 0.001)
        var lastState = InvestigationState(status: "RUNNING")
        while true {
            do {
                lastState = try await detective.getInvestigation(
                    graphARN: graphARN, investigationID: investigationID)
                if lastState.status != "RUNNING" { return .success(lastState) }
            } catch let error as AWSError where Self.isTransient(error) {
                logger.warn(
                    "polling the investigation failed; trying again at the next wait",
                    ["investigationId": investigationID, "error": error.description])
            } catch {
                return .failure(WaitFailure(reason: Self.describe(error)))
            }

            let left = environment.seconds(until: detective.deadline)
            guard left > 0 else { return .success(lastState) }
            do {
                try await environment.sleep(.seconds(min(pause, left)))
            } catch {
                return .success(lastState)
            }
            pause = min(pause * 2, Self.longestPollSeconds)
        }
    }

    // A poll that timed out or lost its connection is as worth repeating as a throttled one.
    private static func isTransient(_ error: AWSError) -> Bool {
        error.isRetryable || error.code == .timeout || error.code == .transportError
    }

    /// An error as a reason an operator can act on.
    static func describe(_ error: any Error) -> String {
        if let error = error as? AWSError { return error.description }
        if error is CancellationError { return "cancelled" }
        return String(describing: error)
    }
}

/// Why waiting for an investigation ended without a status.
struct WaitFailure: Error, Sendable {
    var reason: String
}
