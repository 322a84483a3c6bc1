/// Why an invocation failed; the code becomes the Lambda `errorType`.
public struct EnrichmentError: Error, Sendable, CustomStringConvertible {
    /// Stable failure kinds.
    public enum Code: String, Sendable {
        /// Not JSON, or no `detail.findings` list.
        case invalidEvent = "InvalidEvent"
        /// JSON, but not a Security Hub findings event we handle.
        case unsupportedEvent = "UnsupportedEvent"
        /// One or more findings could not be written back to Security Hub.
        case writeBackFailed = "WriteBackFailed"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
