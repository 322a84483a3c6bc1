/// The loopback server could not start.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    public enum Code: String, Sendable {
        case socket, bind, listen, thread
    }

    public var code: Code
    /// The `errno` of the failed call, 0 when there is none.
    public var errorNumber: Int32
    public var message: String

    public var description: String {
        "loopback server \(code.rawValue) failed: \(message) (errno \(errorNumber))"
    }
}
