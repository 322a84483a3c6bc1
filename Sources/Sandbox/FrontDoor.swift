import AWSSigning
import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// Checks every request as AWS would before a stand-in sees it: route, signature, region,
/// body shape; then injects the scenario's faults. Refusals are answered as AWS answers them
/// and recorded as violations.
struct FrontDoor: Sendable {
    let standIn: any StandIn
    let credentials: AWSCredentials
    let faults: FaultPlan
    let violations: ViolationLog

    /// The answer to `request`.
    func handle(_ request: ServerRequest) -> ServerResponse {
        let service = standIn.service
        guard let operation = route(request) else {
            let answer = ErrorAnswer(
                status: 404, code: "UnknownOperationException",
                message: "no \(service.rawValue) operation is \(request.method) \(request.path)")
            return refuse(answer, operation: nil)
        }

        let region: String
        switch SignatureCheck.verify(
            request, credentials: credentials, service: service.rawValue,
            regions: standIn.regions)
        {
        case .success(let scopeRegion): region = scopeRegion
        case .failure(let answer): return refuse(answer, operation: operation.name)
        }

        let body: JSONValue
        do {
            body = request.body.isEmpty ? .object([:]) : try JSONValue(parsing: request.body)
        } catch {
            return refuse(
                .invalid(service, "the request body is not valid JSON"), operation: operation.name)
        }
        if let answer = validate(body, for: operation) {
            return refuse(answer, operation: operation.name)
        }

        let fault = faults.next(service: service, operation: operation.name)
        switch fault {
        case .throttle(let code):
            return ErrorAnswer(status: 429, code: code, message: "Rate exceeded")
                .response(for: service)
        case .serverError(let status, let code):
            return ErrorAnswer(status: status, code: code, message: "injected server error")
                .response(for: service)
        case .dropConnection:
            return .dropConnection
        case .truncatedResponse:
            return .truncatedResponse
        case .slow(let seconds):
            usleep(UInt32(max(0, min(seconds, 600)) * 1_000_000))
        case .unprocessed, .firstUnprocessed, .none:
            break
        }

        var call = ServiceCall(operation: operation, body: body, region: region)
        if case .unprocessed(let errorCode) = fault { call.unprocessedErrorCode = errorCode }
        if case .firstUnprocessed(let errorCode) = fault {
            call.unprocessedErrorCode = errorCode
            call.unprocessedFirstOnly = true
        }
        do {
            return .json(status: 200, try standIn.perform(call))
        } catch {
            return refuse(error, operation: operation.name)
        }
    }

    private func route(_ request: ServerRequest) -> Operation? {
        standIn.operations.first { $0.method == request.method && $0.path == request.path }
    }

    private func validate(_ body: JSONValue, for operation: Operation) -> ErrorAnswer? {
        let problems = ShapeValidator.problems(body, against: operation.input)
        for problem in problems where problem.kind == .unknown {
            violations.record(
                Violation(
                    service: standIn.service.rawValue, operation: operation.name, code: "Ignored",
                    message: "\(problem.path) \(problem.message); AWS ignores it"))
        }
        let refusing = problems.filter { $0.kind != .unknown }
        guard !refusing.isEmpty else { return nil }
        if let typeProblem = refusing.first(where: { $0.kind == .type }) {
            return .invalid(
                standIn.service, "\(typeProblem.path): \(typeProblem.message)",
                reason: "the body does not match the input shape")
        }
        let details = refusing.map {
            "Value at '\($0.path)' failed to satisfy constraint: \($0.message)"
        }
        let count = refusing.count
        let message =
            "\(count) validation error\(count == 1 ? "" : "s") detected: "
            + details.joined(separator: "; ")
        return .invalid(standIn.service, message)
    }

    private func refuse(_ answer: ErrorAnswer, operation: String?) -> ServerResponse {
        violations.record(
            Violation(
                service: standIn.service.rawValue, operation: operation, code: answer.code,
                message: answer.message))
        return answer.response(for: standIn.service)
    }
}
