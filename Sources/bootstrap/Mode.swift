/// What the command line asks for.
enum Mode: Equatable {
    /// Serve the Lambda Runtime API named by `AWS_LAMBDA_RUNTIME_API`.
    case runtime
    /// Run one invocation of the event in a file (`-`: standard input) and print the result.
    case local(eventPath: String)
    /// Print the usage.
    case help

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) -> Result<Mode, UsageError> {
        switch arguments.count {
        case 0:
            return .success(.runtime)
        case 1 where ["--help", "-h"].contains(arguments[0]):
            return .success(.help)
        case 2 where arguments[0] == "--event":
            return .success(.local(eventPath: arguments[1]))
        default:
            return .failure(UsageError(arguments: arguments))
        }
    }

    static let usage = """
        Usage: bootstrap                 serve the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API)
               bootstrap --event FILE    run one invocation of the event in FILE ('-': stdin),
                                         print the result JSON; exit 0 on success, 1 on failure
               bootstrap --help          show this text

        Enriches Security Hub findings with Amazon Detective investigations.

        Environment:
          AWS_LAMBDA_RUNTIME_API             host:port of the Runtime API (set by Lambda)
          AWS_REGION, AWS_DEFAULT_REGION     region of the Security Hub calls
          AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN   credentials
          AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DETECTIVE, AWS_ENDPOINT_URL_SECURITYHUB
                                             endpoint overrides; the service one wins
          AWS_MAX_ATTEMPTS                   attempts per AWS call (default 3)
          AWS_LAMBDA_LOG_FORMAT              Text or JSON (default Text)
          AWS_LAMBDA_LOG_LEVEL               TRACE DEBUG INFO WARN ERROR FATAL (default INFO)
          AWS_LAMBDA_FUNCTION_NAME           written as the note's UpdatedBy
          DETECTIVE_GRAPH_ARN                behavior graph to use in its region
                                             (default: ListGraphs)
          INVESTIGATION_LOOKBACK_HOURS       hours before the first observation (default 24)
          INVESTIGATION_POLL_SECONDS         first wait between polls, grows to 30 (default 10)
          INVESTIGATION_DEADLINE_MARGIN_SECONDS  stop waiting this long before the deadline
                                             (default 20)
          INVESTIGATION_CONCURRENCY          investigations at once per invocation (default 5)
          INVESTIGATION_MAX_SCOPE_DAYS       longest investigation scope (default 30)
          INVESTIGATION_REUSE_MINUTES        reuse an investigation this recent (default 60)

        In local mode logs go to standard error, the result to standard output, and an
        error's JSON to standard error.
        """
}

/// Arguments that name no mode.
struct UsageError: Error {
    let arguments: [String]
}
