import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// What Lambda tells the function about one invocation, read from the `GET next` headers.
public struct LambdaContext: Sendable {
    /// `Lambda-Runtime-Aws-Request-Id`: the invocation's ID.
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when Lambda stops the invocation, in ms since the Unix epoch.
    public var deadlineEpochMilliseconds: Int64
    /// The same deadline on the monotonic clock, for timeouts and waits.
    public var deadline: ContinuousClock.Instant
    /// `Lambda-Runtime-Invoked-Function-Arn`: the ARN the caller invoked.
    public var invokedFunctionARN: String
    /// `Lambda-Runtime-Trace-Id`: the X-Ray tracing header, exported as `_X_AMZN_TRACE_ID`.
    public var traceID: String?
    /// `Lambda-Runtime-Client-Context`, sent by the AWS Mobile SDKs.
    public var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`, sent by the AWS Mobile SDKs.
    public var cognitoIdentity: String?
    /// A logger whose lines carry this invocation's request ID.
    public var logger: Logger

    /// - Parameters:
    ///   - requestID: the invocation's ID.
    ///   - deadlineEpochMilliseconds: the deadline in ms since the Unix epoch.
    ///   - deadline: the deadline on the monotonic clock.
    ///   - invokedFunctionARN: the ARN the caller invoked.
    ///   - traceID: the X-Ray tracing header, if any.
    ///   - clientContext: the mobile client context, if any.
    ///   - cognitoIdentity: the Cognito identity, if any.
    ///   - logger: the invocation's logger.
    public init(
        requestID: String, deadlineEpochMilliseconds: Int64, deadline: ContinuousClock.Instant,
        invokedFunctionARN: String, traceID: String? = nil, clientContext: String? = nil,
        cognitoIdentity: String? = nil, logger: Logger
    ) {
        self.requestID = requestID
        self.deadlineEpochMilliseconds = deadlineEpochMilliseconds
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.logger = logger
    }

    /// Reads the context from the headers of a `GET next` answer.
    ///
    /// - Parameters:
    ///   - header: looks up a header by name, ignoring case.
    ///   - logger: the runtime's logger; the context's carries the request ID.
    public init(
        header: (String) -> String?, logger: Logger
    ) throws(LambdaRuntimeError) {
        guard let requestID = header("Lambda-Runtime-Aws-Request-Id"), !requestID.isEmpty else {
            throw LambdaRuntimeError(
                .invalidInvocation, "the invocation has no Lambda-Runtime-Aws-Request-Id")
        }
        guard let deadlineText = header("Lambda-Runtime-Deadline-Ms"),
            let deadlineMilliseconds = Int64(deadlineText)
        else {
            throw LambdaRuntimeError(
                .invalidInvocation,
                "invocation \(requestID) has no valid Lambda-Runtime-Deadline-Ms")
        }

        self.init(
            requestID: requestID,
            deadlineEpochMilliseconds: deadlineMilliseconds,
            deadline: Self.instant(epochMilliseconds: deadlineMilliseconds),
            invokedFunctionARN: header("Lambda-Runtime-Invoked-Function-Arn") ?? "",
            traceID: header("Lambda-Runtime-Trace-Id"),
            clientContext: header("Lambda-Runtime-Client-Context"),
            cognitoIdentity: header("Lambda-Runtime-Cognito-Identity"),
            logger: logger.with(requestID: requestID)
        )
    }

    /// Time left before the deadline; negative once it has passed.
    public var remainingTime: Duration {
        deadline - ContinuousClock.now
    }

    /// Now, in milliseconds since the Unix epoch.
    public static func epochMillisecondsNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// The monotonic instant matching a wall-clock time in ms since the Unix epoch.
    public static func instant(epochMilliseconds: Int64) -> ContinuousClock.Instant {
        // The header is any Int64; one near Int64.min would overflow the subtraction, so the
        // distance saturates: such a deadline has passed long ago either way.
        let (difference, overflow) = epochMilliseconds.subtractingReportingOverflow(
            epochMillisecondsNow())
        let remaining = overflow ? (epochMilliseconds < 0 ? Int64.min : Int64.max) : difference
        return ContinuousClock.now + .milliseconds(remaining)
    }
}
