import JSON
import Logging

/// Discards log lines after checking each is one JSON object, as CloudWatch parses them.
public struct CheckedJSONSink: LogSink {
    public init() {}

    public func write(line: String) {
        precondition(!line.contains("\n"), "a log line never spans lines")
        let parsed = try? JSONValue(parsing: Array(line.utf8))
        precondition(parsed?.objectValue != nil, "a JSON log line is a JSON object: \(line)")
    }
}

/// Discards log lines after checking that each is one line.
public struct CheckedTextSink: LogSink {
    public init() {}

    public func write(line: String) {
        precondition(!line.contains("\n"), "a log line never spans lines")
    }
}
