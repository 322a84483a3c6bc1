import Foundation
import Logging
import Synchronization
import Testing

@testable import LambdaRuntime

/// An in-memory Runtime API: hands out queued invocations, then answers 500.
private final class ScriptedRuntimeAPI: RuntimeAPI {
    enum Post: Equatable {
        case response(String, [UInt8])
        case error(String, InvocationError)
        case initError(InvocationError)
    }

    private let pending: Mutex<[Invocation]>
    private let recorded = Mutex<[Post]>([])
    private let rejection: PostOutcome

    init(_ invocations: [Invocation], answering rejection: PostOutcome = .accepted) {
        pending = Mutex(invocations)
        self.rejection = rejection
    }

    var posts: [Post] { recorded.withLock { $0 } }

    func next(logger: Logger) async throws(LambdaRuntimeError) -> Invocation {
        let invocation = pending.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let invocation else { throw LambdaRuntimeError(.environmentBroken, "500") }
        return invocation
    }

    func postResponse(
        requestID: String, body: [UInt8]
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        recorded.withLock { $0.append(.response(requestID, body)) }
        return rejection
    }

    func postError(
        requestID: String, error: InvocationError
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        recorded.withLock { $0.append(.error(requestID, error)) }
        return rejection
    }

    func postInitError(_ error: InvocationError) async throws(LambdaRuntimeError) -> PostOutcome {
        recorded.withLock { $0.append(.initError(error)) }
        return rejection
    }
}

@Suite("LambdaRuntime loop", .serialized)
struct LambdaRuntimeLoopTests {
    private func invocation(_ id: String, _ event: String, trace: String? = nil) -> Invocation {
        Invocation(
            event: Array(event.utf8),
            context: LambdaContext(
                requestID: id, deadlineEpochMilliseconds: 0, deadline: .now + .seconds(60),
                invokedFunctionARN: "arn", traceID: trace, logger: .disabled))
    }

    private let echoOrFail = ClosureHandler { event, _ in
        if event == Array("bad".utf8) {
            throw LambdaHandlerError(type: "InvalidEvent", message: "bad \"event\"\n")
        }
        return event
    }

    @Test("results and errors are posted per invocation; a bad event does not end the loop")
    func servesUntilTheAPIFails() async {
        let api = ScriptedRuntimeAPI([
            invocation("1", "bad"), invocation("2", "{\"ok\":true}"), invocation("3", "bad"),
        ])
        let runtime = LambdaRuntime(api: api, handler: echoOrFail, logger: .disabled)

        await #expect(throws: LambdaRuntimeError.self) { try await runtime.run() }
        #expect(
            api.posts == [
                .error(
                    "1", InvocationError(errorType: "InvalidEvent", errorMessage: "bad \"event\"\n")
                ),
                .response("2", Array("{\"ok\":true}".utf8)),
                .error(
                    "3", InvocationError(errorType: "InvalidEvent", errorMessage: "bad \"event\"\n")
                ),
            ])
    }

    @Test("a rejected post is logged and the loop goes on")
    func rejectedPostsAreLogged() async {
        let sink = CapturingSink()
        let api = ScriptedRuntimeAPI(
            [invocation("1", "a"), invocation("2", "b")],
            answering: .rejected(status: 413, body: "too large"))
        let runtime = LambdaRuntime(
            api: api, handler: echoOrFail, logger: Logger(level: .info, format: .text, sink: sink))

        await #expect(throws: LambdaRuntimeError.self) { try await runtime.run() }
        #expect(api.posts.count == 2)
    }

    @Test("a result over 6 MB becomes a ResponseSizeTooLarge error")
    func oversizedResult() async {
        let big = ClosureHandler { _, _ in [UInt8](repeating: 0x20, count: 6 * 1024 * 1024 + 1) }
        let api = ScriptedRuntimeAPI([invocation("1", "{}")])
        let runtime = LambdaRuntime(api: api, handler: big, logger: .disabled)

        await #expect(throws: LambdaRuntimeError.self) { try await runtime.run() }
        guard case .error("1", let error) = api.posts.first else {
            Issue.record("expected an error post, got \(api.posts)")
            return
        }
        #expect(error.errorType == "ResponseSizeTooLarge")
    }

    @Test("the trace ID is exported as _X_AMZN_TRACE_ID for the invocation, and cleared after")
    func traceIDExported() async {
        let seen = Mutex<[String?]>([])
        let handler = ClosureHandler { event, _ in
            let value = ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"]
            seen.withLock { $0.append(value) }
            return event
        }
        let api = ScriptedRuntimeAPI([
            invocation("1", "a", trace: "Root=1-abc;Sampled=1"), invocation("2", "b"),
        ])
        let runtime = LambdaRuntime(api: api, handler: handler, logger: .disabled)

        await #expect(throws: LambdaRuntimeError.self) { try await runtime.run() }
        #expect(seen.withLock { $0 } == ["Root=1-abc;Sampled=1", nil])
    }

    @Test("invocation start and end are logged at INFO with the request ID")
    func startAndEndLines() async {
        let sink = CapturingSink()
        let logger = Logger(level: .info, format: .json, sink: sink)
        let api = ScriptedRuntimeAPI([
            Invocation(
                event: Array("x".utf8),
                context: LambdaContext(
                    requestID: "req-9", deadlineEpochMilliseconds: 0, deadline: .now,
                    invokedFunctionARN: "arn", logger: logger.with(requestID: "req-9")))
        ])
        let runtime = LambdaRuntime(api: api, handler: echoOrFail, logger: logger)

        await #expect(throws: LambdaRuntimeError.self) { try await runtime.run() }
        let lines = sink.lines.filter { $0.contains("\"requestId\":\"req-9\"") }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("\"level\":\"INFO\"") })
    }
}
