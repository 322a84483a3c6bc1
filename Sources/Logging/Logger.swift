#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes log lines in Lambda's Text or JSON format, redacting secrets from every line.
public struct Logger: Sendable {
    /// Lines below this level are dropped.
    public var level: LogLevel
    /// Text or JSON lines.
    public var format: LogFormat
    /// The invocation the lines belong to, written as `requestId`.
    public var requestID: String?
    /// Fields added to every line from this logger.
    public var metadata: [String: String]
    private let sink: any LogSink

    /// - Parameters:
    ///   - level: the lowest level written.
    ///   - format: Text or JSON lines.
    ///   - sink: where lines go; standard output by default.
    public init(
        level: LogLevel = .info, format: LogFormat = .text,
        sink: any LogSink = FileDescriptorSink.standardOutput
    ) {
        self.level = level
        self.format = format
        self.requestID = nil
        self.metadata = [:]
        self.sink = sink
    }

    /// A logger that writes nothing.
    public static let disabled = Logger(level: .fatal, sink: NullSink())

    /// This logger with the request ID of an invocation.
    public func with(requestID: String?) -> Logger {
        var copy = self
        copy.requestID = requestID
        return copy
    }

    /// This logger with extra fields on every line.
    public func with(_ fields: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(fields) { _, new in new }
        return copy
    }

    /// True when a line at `level` would be written; lets callers skip building costly fields.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= self.level
    }

    /// Writes one line at `level` when the logger's level allows it.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        guard isEnabled(level) else { return }
        let allFields = metadata.merging(fields()) { _, new in new }
        sink.write(line: render(level: level, message: message(), fields: allFields))
    }

    public func trace(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.trace, message(), fields())
    }

    public func debug(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.debug, message(), fields())
    }

    public func info(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.info, message(), fields())
    }

    public func warn(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.warn, message(), fields())
    }

    public func error(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.error, message(), fields())
    }

    public func fatal(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String] = [:]
    ) {
        log(.fatal, message(), fields())
    }

    func render(level: LogLevel, message: String, fields: [String: String]) -> String {
        let safeMessage = Redaction.redact(message)
        let safeFields = fields.sorted { $0.key < $1.key }.map { key, value in
            (key, Redaction.isSecretField(key) ? Redaction.marker : Redaction.redact(value))
        }
        let timestamp = Self.timestamp()
        switch format {
        case .json:
            var line = "{\"timestamp\":\(JSONText.quote(timestamp))"
            line += ",\"level\":\(JSONText.quote(level.name))"
            line += ",\"message\":\(JSONText.quote(safeMessage))"
            if let requestID {
                line += ",\"requestId\":\(JSONText.quote(requestID))"
            }
            for (key, value) in safeFields
            where !["timestamp", "level", "message", "requestId"].contains(key) {
                line += ",\(JSONText.quote(key)):\(JSONText.quote(value))"
            }
            return line + "}"
        case .text:
            var line = "\(timestamp) \(level.name)"
            if let requestID { line += " \(requestID)" }
            line += " \(safeMessage.replacingNewlines())"
            for (key, value) in safeFields {
                line += " \(key)=\(value.replacingNewlines())"
            }
            return line
        }
    }

    /// Now, as RFC 3339 in UTC with milliseconds (`2026-12-03T17:29:36.123Z`).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let milliseconds = Int(now.tv_nsec) / 1_000_000
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-"
            + "\(pad(Int(parts.tm_mday), 2))T\(pad(Int(parts.tm_hour), 2)):"
            + "\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

private struct NullSink: LogSink {
    func write(line: String) {}
}

extension String {
    fileprivate func replacingNewlines() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" }) else { return self }
        return String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
