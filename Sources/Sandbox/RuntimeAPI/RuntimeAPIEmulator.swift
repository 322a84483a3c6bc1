import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// The calls of the Lambda Runtime API, to choose which ones fail.
public enum RuntimeAPIRoute: String, Sendable, Hashable, CaseIterable {
    /// `GET /2018-06-01/runtime/invocation/next`.
    case next
    /// `POST /2018-06-01/runtime/invocation/{id}/response`.
    case response
    /// `POST /2018-06-01/runtime/invocation/{id}/error`.
    case error
    /// `POST /2018-06-01/runtime/init/error`.
    case initError
}

/// A stand-in for the Lambda Runtime API: queued events, a long-polled `next`, and a record of
/// every response, error and init error, answered with Lambda's status codes.
public final class RuntimeAPIEmulator: Sendable {
    /// The largest response body Lambda accepts: 6 MB.
    public static let maximumResponseBytes = 6 * 1024 * 1024

    private struct State {
        var queue: [EmulatedInvocation] = []
        var inFlight: [String: EmulatedInvocation] = [:]
        var results: [RecordedResult] = []
        var initErrors: [RecordedInitError] = []
        var nextRequestTimes: [Int64] = []
        var failingRoutes: Set<RuntimeAPIRoute> = []
        var closed = false
    }

    private let monitor = RuntimeAPIMonitor()
    // Only touched inside `monitor.locked` or `monitor.wait`.
    nonisolated(unsafe) private var state = State()

    /// An emulator with an empty queue.
    public init() {}

    /// Queues `invocation` for the next `GET next`.
    public func enqueue(_ invocation: EmulatedInvocation) {
        monitor.locked {
            state.queue.append(invocation)
            monitor.signalHoldingLock()
        }
    }

    /// Makes every call on `routes` answer 500, as a broken environment does; empty to heal.
    public func failWithServerError(on routes: Set<RuntimeAPIRoute>) {
        monitor.locked {
            state.failingRoutes = routes
            monitor.signalHoldingLock()
        }
    }

    /// Every response and error posted so far, oldest first.
    public var results: [RecordedResult] {
        monitor.locked { state.results }
    }

    /// Every init error posted so far.
    public var initErrors: [RecordedInitError] {
        monitor.locked { state.initErrors }
    }

    /// When each `GET next` arrived, in ns since the Unix epoch.
    public var nextRequestTimes: [Int64] {
        monitor.locked { state.nextRequestTimes }
    }

    /// Blocks until `count` results are recorded and returns them, or nil after `timeout`.
    public func waitForResults(count: Int, timeout: Duration) -> [RecordedResult]? {
        monitor.wait(timeout: timeout) {
            state.results.count >= count ? state.results : nil
        }
    }

    /// Blocks until `count` init errors are recorded and returns them, or nil after `timeout`.
    public func waitForInitErrors(count: Int, timeout: Duration) -> [RecordedInitError]? {
        monitor.wait(timeout: timeout) {
            state.initErrors.count >= count ? state.initErrors : nil
        }
    }

    /// Blocks until `count` `GET next` requests arrived; returns their times (ns since the
    /// Unix epoch), or nil after `timeout`.
    public func waitForNextRequests(count: Int, timeout: Duration) -> [Int64]? {
        monitor.wait(timeout: timeout) {
            state.nextRequestTimes.count >= count ? state.nextRequestTimes : nil
        }
    }

    /// Ends every long poll with a 500 and answers 500 from now on; call before shutting down.
    public func close() {
        monitor.locked {
            state.closed = true
            monitor.signalHoldingLock()
        }
    }

    /// Answers one Runtime API request; blocks in `GET next` until an event is queued.
    public func handle(_ request: ServerRequest) -> ServerResponse {
        let prefix = "/2018-06-01/runtime/"
        guard request.path.hasPrefix(prefix) else {
            return Self.failure(404, "UnknownPath", "no such path: \(request.path)")
        }
        let parts = request.path.dropFirst(prefix.count).split(
            separator: "/", omittingEmptySubsequences: false)

        switch (request.method, parts.count, parts.first, parts.last) {
        case ("GET", 2, "invocation", "next"):
            return next()
        case ("POST", 2, "init", "error"):
            return initError(request)
        case ("POST", 3, "invocation", "response"):
            return post(.response, requestID: Self.percentDecoded(parts[1]), request: request)
        case ("POST", 3, "invocation", "error"):
            return post(.error, requestID: Self.percentDecoded(parts[1]), request: request)
        default:
            return Self.failure(
                404, "UnknownPath", "no such call: \(request.method) \(request.path)")
        }
    }

    private func next() -> ServerResponse {
        let arrival = Self.epochNanosecondsNow()
        monitor.locked {
            state.nextRequestTimes.append(arrival)
            monitor.signalHoldingLock()
        }

        let invocation = monitor.wait(timeout: nil) { () -> EmulatedInvocation?? in
            if state.closed || state.failingRoutes.contains(.next) { return .some(nil) }
            guard !state.queue.isEmpty else { return nil }
            let invocation = state.queue.removeFirst()
            state.inFlight[invocation.requestID] = invocation
            return .some(invocation)
        }
        guard let invocation = invocation ?? nil else {
            return Self.serverError()
        }

        var headers = [
            ServerHeader("Content-Type", "application/json"),
            ServerHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestID),
            ServerHeader(
                "Lambda-Runtime-Deadline-Ms", String(invocation.deadlineEpochMilliseconds)),
            ServerHeader("Lambda-Runtime-Invoked-Function-Arn", invocation.functionARN),
        ]
        if let traceID = invocation.traceID {
            headers.append(ServerHeader("Lambda-Runtime-Trace-Id", traceID))
        }
        if let clientContext = invocation.clientContext {
            headers.append(ServerHeader("Lambda-Runtime-Client-Context", clientContext))
        }
        if let cognitoIdentity = invocation.cognitoIdentity {
            headers.append(ServerHeader("Lambda-Runtime-Cognito-Identity", cognitoIdentity))
        }
        return ServerResponse(status: 200, headers: headers, body: invocation.event)
    }

    private func post(
        _ kind: RecordedResult.Kind, requestID: String, request: ServerRequest
    ) -> ServerResponse {
        monitor.locked { () -> ServerResponse in
            let route: RuntimeAPIRoute = kind == .response ? .response : .error
            if state.closed || state.failingRoutes.contains(route) { return Self.serverError() }
            guard state.inFlight[requestID] != nil else {
                return Self.failure(400, "InvalidRequestID", "Invalid request ID")
            }
            if kind == .response && request.body.count > Self.maximumResponseBytes {
                state.inFlight[requestID] = nil
                return Self.failure(
                    413, "RequestEntityTooLarge",
                    "Exceeded maximum allowed payload size (\(Self.maximumResponseBytes) bytes).")
            }

            state.inFlight[requestID] = nil
            state.results.append(
                RecordedResult(
                    kind: kind, requestID: requestID, headers: request.headers,
                    body: request.body))
            monitor.signalHoldingLock()
            return Self.accepted()
        }
    }

    private func initError(_ request: ServerRequest) -> ServerResponse {
        monitor.locked { () -> ServerResponse in
            if state.closed || state.failingRoutes.contains(.initError) {
                return Self.serverError()
            }
            state.initErrors.append(RecordedInitError(headers: request.headers, body: request.body))
            monitor.signalHoldingLock()
            return Self.accepted()
        }
    }

    private static func accepted() -> ServerResponse {
        .json(status: 202, ["status": "OK"])
    }

    private static func serverError() -> ServerResponse {
        failure(500, "ServiceException", "the emulated environment is broken")
    }

    private static func failure(_ status: Int, _ type: String, _ message: String) -> ServerResponse
    {
        .json(status: status, ["errorMessage": .string(message), "errorType": .string(type)])
    }

    /// A path segment with its `%XX` escapes decoded; a broken escape stays as it is.
    private static func percentDecoded(_ segment: Substring) -> String {
        var bytes: [UInt8] = []
        var input = Array(segment.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%"), input.count >= 2,
                let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func epochNanosecondsNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
