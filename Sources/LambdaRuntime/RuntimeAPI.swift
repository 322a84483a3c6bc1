import Logging

/// One invocation as `GET next` delivers it.
public struct Invocation: Sendable {
    /// The event, as raw bytes.
    public var event: [UInt8]
    /// The context read from the headers.
    public var context: LambdaContext

    /// Creates an invocation of `event` with `context`.
    public init(event: [UInt8], context: LambdaContext) {
        self.event = event
        self.context = context
    }
}

/// How the Runtime API answered a post.
public enum PostOutcome: Sendable, Equatable {
    /// 202: Lambda took it.
    case accepted
    /// Any other status but 500, with the body Lambda sent; logged, and the loop goes on.
    case rejected(status: Int, body: String)
}

/// The calls a runtime makes to the Lambda Runtime API.
public protocol RuntimeAPI: Sendable {
    /// Waits, without a timeout, for the next invocation.
    func next(logger: Logger) async throws(LambdaRuntimeError) -> Invocation
    /// Posts the result of invocation `requestID`.
    func postResponse(
        requestID: String, body: [UInt8]
    ) async throws(LambdaRuntimeError) -> PostOutcome
    /// Posts the failure of invocation `requestID`.
    func postError(
        requestID: String, error: InvocationError
    ) async throws(LambdaRuntimeError) -> PostOutcome
    /// Posts a failure to initialise; the process exits after it.
    func postInitError(_ error: InvocationError) async throws(LambdaRuntimeError) -> PostOutcome
}
