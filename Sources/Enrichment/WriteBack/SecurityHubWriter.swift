import AWSClient
import JSON
import Logging

/// A finding `BatchUpdateFindings` did not record, with the last reason it gave.
struct UnwrittenFinding: Sendable, Hashable {
    var identifier: FindingIdentifier
    var reason: String
}

/// Writes updates with `BatchUpdateFindings` in the function's own region.
struct SecurityHubWriter: Sendable {
    /// The most identifiers one request may carry.
    static let batchLimit = 100
    /// Attempts for a finding the service left unprocessed, as for a throttled call.
    static let maxAttempts = 3

    let aws: any AWSCaller
    let region: String
    let deadline: ContinuousClock.Instant
    let environment: EnrichmentEnvironment
    let logger: Logger

    /// Writes every update; returns those that could not be written.
    func write(_ updates: [FindingUpdate]) async -> [UnwrittenFinding] {
        var byPayload: [FindingUpdate.Payload: [FindingIdentifier]] = [:]
        var order: [FindingUpdate.Payload] = []
        for update in updates {
            if byPayload[update.payload] == nil { order.append(update.payload) }
            if byPayload[update.payload]?.contains(update.identifier) != true {
                byPayload[update.payload, default: []].append(update.identifier)
            }
        }

        var unwritten: [UnwrittenFinding] = []
        for payload in order {
            let identifiers = byPayload[payload] ?? []
            for start in stride(from: 0, to: identifiers.count, by: Self.batchLimit) {
                let batch = Array(
                    identifiers[start..<min(start + Self.batchLimit, identifiers.count)])
                unwritten += await write(batch, payload: payload)
            }
        }
        return unwritten
    }

    private func write(
        _ identifiers: [FindingIdentifier], payload: FindingUpdate.Payload
    ) async -> [UnwrittenFinding] {
        var pending = identifiers
        var failures: [AttemptFailure] = []
        for attempt in 1...Self.maxAttempts {
            if attempt > 1 {
                let pause = environment.random() * min(pow2(attempt - 2), 20)
                guard environment.seconds(until: deadline) > pause else { break }
                logger.warn(
                    "retrying findings Security Hub did not update",
                    ["attempt": String(attempt), "findings": String(pending.count)])
                do {
                    try await environment.sleep(.seconds(pause))
                } catch {
                    break
                }
            }

            failures = await attemptWrite(pending, payload: payload)
            pending = failures.filter(\.isRetryable).map(\.unwritten.identifier)
            if pending.isEmpty { break }
        }
        return failures.map(\.unwritten)
    }

    private func attemptWrite(
        _ identifiers: [FindingIdentifier], payload: FindingUpdate.Payload
    ) async -> [AttemptFailure] {
        var body = payload.requestMembers
        body["FindingIdentifiers"] = .array(
            identifiers.map { ["Id": .string($0.id), "ProductArn": .string($0.productARN)] })
        let call = AWSCall(
            service: .securityHub, region: region, operation: "BatchUpdateFindings",
            method: "PATCH", path: "/findings/batchupdate", body: .object(body))

        let answer: JSONValue
        do {
            answer = try await aws.perform(call, deadline: deadline)
        } catch {
            let retryable = (error as? AWSError)?.isRetryable ?? false
            let reason = InvestigationRunner.describe(error)
            return identifiers.map {
                AttemptFailure(
                    unwritten: UnwrittenFinding(identifier: $0, reason: reason),
                    isRetryable: retryable)
            }
        }

        var failures: [AttemptFailure] = []
        for entry in answer["UnprocessedFindings"]?.arrayValue ?? [] {
            let code = entry["ErrorCode"]?.stringValue ?? "Unprocessed"
            let message = entry["ErrorMessage"]?.stringValue ?? ""
            guard let id = entry["FindingIdentifier"]?["Id"]?.stringValue,
                let productARN = entry["FindingIdentifier"]?["ProductArn"]?.stringValue
            else { continue }
            let identifier = FindingIdentifier(id: id, productARN: productARN)
            guard identifiers.contains(identifier) else { continue }
            failures.append(
                AttemptFailure(
                    unwritten: UnwrittenFinding(
                        identifier: identifier, reason: "\(code): \(message)"),
                    isRetryable: true))
        }
        return failures
    }

    private func pow2(_ exponent: Int) -> Double {
        Double(1 << min(max(exponent, 0), 10))
    }
}

private struct AttemptFailure: Sendable {
    var unwritten: UnwrittenFinding
    var isRetryable: Bool
}
