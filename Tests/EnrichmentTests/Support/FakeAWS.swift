import AWSClient
import JSON
import Synchronization

@testable import Enrichment

/// An `AWSCaller` that records every call and answers from a script, else as a healthy
/// Detective and Security Hub would.
final class FakeAWS: AWSCaller, Sendable {
    enum Reply: Sendable {
        case answer(JSONValue)
        case failure(AWSError)
    }

    private struct State {
        var calls: [AWSCall] = []
        var deadlines: [String: ContinuousClock.Instant?] = [:]
        var scripts: [String: [Reply]] = [:]
        var started = 0
        var inFlight = 0
        var mostInFlight = 0
    }

    private let state = Mutex(State())
    /// Answers calls no script covers; nil uses the healthy defaults.
    private let responder: (@Sendable (AWSCall) -> Reply?)?

    /// Operations that take a little real time, so that overlapping calls can be counted.
    private let slowOperations: Set<String>

    init(
        slowOperations: Set<String> = [], responder: (@Sendable (AWSCall) -> Reply?)? = nil
    ) {
        self.slowOperations = slowOperations
        self.responder = responder
    }

    /// The most slow calls that were in flight at once.
    var mostInFlight: Int { state.withLock { $0.mostInFlight } }

    /// Queues replies for `operation`; the last one repeats.
    func script(_ operation: String, _ replies: [Reply]) {
        state.withLock { $0.scripts[operation] = replies }
    }

    var calls: [AWSCall] { state.withLock { $0.calls } }

    /// The deadline the last call of each operation was given.
    func deadline(of operation: String) -> ContinuousClock.Instant?? {
        state.withLock { $0.deadlines[operation] }
    }

    func calls(_ operation: String) -> [AWSCall] {
        calls.filter { $0.operation == operation }
    }

    func perform(_ call: AWSCall, deadline: ContinuousClock.Instant?) async throws -> JSONValue {
        let scripted: Reply? = state.withLock { state in
            state.calls.append(call)
            state.deadlines[call.operation] = deadline
            guard var replies = state.scripts[call.operation], !replies.isEmpty else { return nil }
            let reply = replies.count > 1 ? replies.removeFirst() : replies[0]
            state.scripts[call.operation] = replies
            return reply
        }
        if slowOperations.contains(call.operation) {
            state.withLock { state in
                state.inFlight += 1
                state.mostInFlight = max(state.mostInFlight, state.inFlight)
            }
            try? await Task.sleep(for: .milliseconds(20))
            state.withLock { $0.inFlight -= 1 }
        }
        let reply = scripted ?? responder?(call) ?? healthy(call)
        switch reply {
        case .answer(let value): return value
        case .failure(let error): throw error
        }
    }

    private func healthy(_ call: AWSCall) -> Reply {
        switch call.operation {
        case "ListGraphs":
            return .answer(["GraphList": [["Arn": .string(Self.graphARN(call.region))]]])
        case "ListInvestigations":
            return .answer(["InvestigationDetails": []])
        case "StartInvestigation":
            let number = state.withLock { state in
                state.started += 1
                return state.started
            }
            return .answer(["InvestigationId": .string(Self.investigationID(number))])
        case "GetInvestigation":
            return .answer(["Status": "SUCCESSFUL", "Severity": "HIGH"])
        case "ListIndicators":
            return .answer(["Indicators": []])
        case "BatchUpdateFindings":
            let identifiers = call.body?["FindingIdentifiers"] ?? []
            return .answer(["ProcessedFindings": identifiers, "UnprocessedFindings": []])
        default:
            return .failure(
                AWSError(
                    code: .serviceError, service: call.service, operation: call.operation,
                    status: 400, awsCode: "UnknownOperation", message: "not faked"))
        }
    }

    /// A well-formed graph ARN in `region`, in the partition the region belongs to.
    static func graphARN(_ region: String, account: String = "111122223333") -> String {
        let partition = Partition(region: region)?.rawValue ?? "aws"
        return "arn:\(partition):detective:\(region):\(account):graph:"
            + "0123456789abcdef0123456789abcdef"
    }

    /// A 21-digit investigation id ending in `number`.
    static func investigationID(_ number: Int) -> String {
        let digits = String(number)
        return "1" + String(repeating: "0", count: 20 - digits.count) + digits
    }

    static func throttled(_ operation: String, service: AWSService = .detective) -> AWSError {
        AWSError(
            code: .serviceError, service: service, operation: operation, status: 429,
            awsCode: "TooManyRequestsException", message: "Rate exceeded", isRetryable: true)
    }

    static func denied(_ operation: String, service: AWSService = .detective) -> AWSError {
        AWSError(
            code: .serviceError, service: service, operation: operation, status: 403,
            awsCode: "AccessDeniedException", message: "not authorized")
    }
}
