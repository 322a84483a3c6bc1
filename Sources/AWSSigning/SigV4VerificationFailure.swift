/// Why a request's SigV4 signature was refused, with the error AWS answers for that case.
///
/// Messages follow the text AWS rest-json services send, minus the parts of AWS's text that
/// would echo the `Authorization` header, the access key ID or the canonical request (which
/// holds the session token): a stand-in must not put credentials in an error body.
public struct SigV4VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The AWS error codes a refused signature gets, as in `x-amzn-ErrorType`.
    public enum Code: String, Sendable, CaseIterable {
        /// No `Authorization` header (or one that is not SigV4 at all).
        case missingAuthenticationToken = "MissingAuthenticationTokenException"
        /// An `Authorization` header that lacks a part, or a malformed date or scope.
        case incompleteSignature = "IncompleteSignatureException"
        /// A wrong scope, a stale date, an unsigned required header, or a wrong signature.
        case invalidSignature = "InvalidSignatureException"
        /// An access key ID or session token the service does not know.
        case unrecognizedClient = "UnrecognizedClientException"
    }

    /// The AWS error code.
    public var code: Code
    /// The HTTP status: 403, as rest-json services such as Detective and Security Hub answer.
    public var status: Int
    /// The message AWS gives for this case; it never holds a credential.
    public var message: String

    /// - Parameters:
    ///   - code: the AWS error code.
    ///   - message: the message for the response body.
    ///   - status: the HTTP status, 403 unless a stand-in needs otherwise.
    public init(code: Code, message: String, status: Int = 403) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// `Code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
