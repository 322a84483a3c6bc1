/// Severity of a log line, ordered as AWS Lambda's `AWS_LAMBDA_LOG_LEVEL` orders them.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, warn, error, fatal

    /// Parses a level name as Lambda spells it (`TRACE` … `FATAL`), ignoring case.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.uppercased() }) else {
            return nil
        }
        self = level
    }

    /// The upper-case name written in log lines.
    public var name: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warn: "WARN"
        case .error: "ERROR"
        case .fatal: "FATAL"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Shape of a log line, as Lambda's `AWS_LAMBDA_LOG_FORMAT` names it.
public enum LogFormat: String, Sendable {
    case text = "Text"
    case json = "JSON"

    /// Parses `Text` or `JSON`, ignoring case.
    public init?(name: String) {
        switch name.lowercased() {
        case "text": self = .text
        case "json": self = .json
        default: return nil
        }
    }
}
