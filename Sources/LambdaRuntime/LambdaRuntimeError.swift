/// A failure of the runtime itself (not of the handler), with a stable code.
public struct LambdaRuntimeError: Error, Sendable, CustomStringConvertible {
    /// Stable kinds of runtime failure.
    public enum Code: String, Sendable {
        /// The Runtime API answered 500: the environment is broken and the process must exit.
        case environmentBroken = "RuntimeAPIServerError"
        /// The Runtime API could not be reached, or the connection broke.
        case transport = "RuntimeAPITransportError"
        /// `GET next` answered something that is not an invocation (no request ID or deadline).
        case invalidInvocation = "InvalidInvocation"
        /// `GET next` answered a status other than 200 or 500.
        case unexpectedStatus = "RuntimeAPIUnexpectedStatus"
        /// `AWS_LAMBDA_RUNTIME_API` is missing or not a `host:port`.
        case invalidEndpoint = "InvalidRuntimeAPIEndpoint"
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, for the log.
    public var message: String

    /// Creates an error of kind `code`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
