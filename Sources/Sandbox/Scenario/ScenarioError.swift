/// A scenario file that cannot be used, with where the problem is.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// The file could not be read.
        case unreadable = "ScenarioUnreadable"
        /// The file is not JSON.
        case notJSON = "ScenarioNotJSON"
        /// A member is missing or has the wrong value.
        case invalid = "ScenarioInvalid"
    }

    public var code: Code
    /// The member at fault, as a path (`investigations[1].severity`).
    public var path: String
    public var message: String

    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(code.rawValue): \(message)" : "\(code.rawValue): \(path): \(message)"
    }
}
