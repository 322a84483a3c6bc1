/// A failed AWS call, with what an operator needs to act on it.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// The service answered with an error (see ``awsCode``).
        case serviceError = "AWSServiceError"
        /// The request never got an answer: DNS, connect, TLS or a dropped connection.
        case transportError = "AWSTransportError"
        /// The call timed out or would have run past its deadline.
        case timeout = "AWSTimeout"
        /// The answer was not the JSON the operation promises.
        case invalidResponse = "AWSInvalidResponse"
        /// Credentials, region or endpoint are missing or invalid.
        case configuration = "AWSConfigurationError"
    }

    public var code: Code
    /// The service called.
    public var service: AWSService
    /// The operation called.
    public var operation: String
    /// The HTTP status, when the service answered.
    public var status: Int?
    /// The AWS error code, `#` and `:` parts trimmed as botocore does (`ThrottlingException`).
    public var awsCode: String?
    /// The message the service or transport gave.
    public var message: String
    /// True when the standard retry mode would try the call again.
    public var isRetryable: Bool

    public init(
        code: Code, service: AWSService, operation: String, status: Int? = nil,
        awsCode: String? = nil, message: String, isRetryable: Bool = false
    ) {
        self.code = code
        self.service = service
        self.operation = operation
        self.status = status
        self.awsCode = awsCode
        self.message = message
        self.isRetryable = isRetryable
    }

    public var description: String {
        var text = "\(service.rawValue) \(operation) failed"
        if let status { text += " with HTTP \(status)" }
        if let awsCode { text += " (\(awsCode))" }
        return text + ": \(message)"
    }
}
