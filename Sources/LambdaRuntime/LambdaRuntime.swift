import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The runtime loop: get the next invocation, run the handler, post its outcome, repeat.
public struct LambdaRuntime: Sendable {
    /// The largest response Lambda accepts for a synchronous invocation: 6 MB.
    public static var maximumResponseBytes: Int { 6 * 1024 * 1024 }

    private let api: any RuntimeAPI
    private let handler: any LambdaHandler
    private let logger: Logger

    /// - Parameters:
    ///   - api: the Runtime API to serve.
    ///   - handler: handles each invocation.
    ///   - logger: the runtime's logger; each invocation's carries its request ID.
    public init(api: any RuntimeAPI, handler: any LambdaHandler, logger: Logger) {
        self.api = api
        self.handler = handler
        self.logger = logger
    }

    /// Serves invocations until the Runtime API fails; the process should then exit non-zero.
    public func run() async throws(LambdaRuntimeError) -> Never {
        while true {
            let invocation = try await api.next(logger: logger)
            try await serve(invocation)
        }
    }

    /// Serves one invocation: runs the handler and posts its result or error.
    public func serve(_ invocation: Invocation) async throws(LambdaRuntimeError) {
        let context = invocation.context
        let outcome = await Self.invoke(handler, event: invocation.event, context: context)

        let posted: PostOutcome
        switch outcome {
        case .success(let body):
            posted = try await api.postResponse(requestID: context.requestID, body: body)
        case .failure(let error):
            posted = try await api.postError(requestID: context.requestID, error: error)
        }

        if case .rejected(let status, let body) = posted {
            context.logger.error(
                "the Runtime API rejected the invocation's outcome",
                ["status": String(status), "body": String(body.prefix(1000))])
        }
    }

    /// Runs `handler` on one event, logging its start and end; a result over 6 MB fails.
    public static func invoke(
        _ handler: any LambdaHandler, event: [UInt8], context: LambdaContext
    ) async -> Result<[UInt8], InvocationError> {
        let log = context.logger
        exportTraceID(context.traceID)
        let arn = context.invokedFunctionARN
        log.info("invocation started", arn.isEmpty ? [:] : ["functionArn": arn])
        let started = ContinuousClock.now

        let outcome: Result<[UInt8], InvocationError>
        do {
            let result = try await handler.handle(event: event, context: context)
            if result.count > maximumResponseBytes {
                outcome = .failure(
                    InvocationError(
                        errorType: "ResponseSizeTooLarge",
                        errorMessage: "the response is \(result.count) bytes; Lambda accepts "
                            + "at most \(maximumResponseBytes)"))
            } else {
                outcome = .success(result)
            }
        } catch {
            outcome = .failure(InvocationError(from: error))
        }

        let elapsed = milliseconds(ContinuousClock.now - started)
        switch outcome {
        case .success:
            log.info("invocation succeeded", ["durationMs": elapsed])
        case .failure(let error):
            log.info(
                "invocation failed",
                ["durationMs": elapsed, "errorType": error.errorType, "error": error.errorMessage])
        }
        return outcome
    }

    /// Reports a failure to initialise, so Lambda shows it on the first invoke.
    public static func reportInitError(
        _ error: InvocationError, api: any RuntimeAPI, logger: Logger
    ) async {
        logger.fatal(
            "initialisation failed", ["errorType": error.errorType, "error": error.errorMessage])
        do {
            let posted = try await api.postInitError(error)
            if case .rejected(let status, let body) = posted {
                logger.error(
                    "the Runtime API rejected the init error",
                    ["status": String(status), "body": String(body.prefix(1000))])
            }
        } catch {
            logger.error("could not report the init error", ["error": error.description])
        }
    }

    /// Sets `_X_AMZN_TRACE_ID` for this invocation, as the AWS SDKs and X-Ray read it.
    static func exportTraceID(_ traceID: String?) {
        if let traceID {
            setenv("_X_AMZN_TRACE_ID", traceID, 1)
        } else {
            unsetenv("_X_AMZN_TRACE_ID")
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
