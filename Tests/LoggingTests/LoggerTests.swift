import Foundation
import Testing

@testable import Logging

@Suite("Logger")
struct LoggerTests {
    private func jsonLogger(level: LogLevel = .trace) -> (Logger, CapturingSink) {
        let sink = CapturingSink()
        return (Logger(level: level, format: .json, sink: sink), sink)
    }

    private func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("a JSON line carries timestamp, level, message, requestId and fields")
    func jsonLineShape() throws {
        let (logger, sink) = jsonLogger()
        logger.with(requestID: "8f5b-41").with(["function": "Investigate"])
            .info("invocation started", ["findings": "3"])

        let line = try #require(sink.lines.first)
        let object = try parse(line)
        #expect(object["level"] as? String == "INFO")
        #expect(object["message"] as? String == "invocation started")
        #expect(object["requestId"] as? String == "8f5b-41")
        #expect(object["findings"] as? String == "3")
        #expect(object["function"] as? String == "Investigate")
        #expect(!line.contains("\n"))
    }

    @Test("the timestamp is RFC 3339 in UTC with milliseconds, and close to now")
    func timestampFormat() throws {
        let (logger, sink) = jsonLogger()
        logger.info("tick")

        let object = try parse(try #require(sink.lines.first))
        let timestamp = try #require(object["timestamp"] as? String)
        let pattern = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/#
        #expect(timestamp.wholeMatch(of: pattern) != nil)

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: timestamp))
        #expect(abs(date.timeIntervalSinceNow) < 5)
    }

    @Test("lines below the level are dropped, lines at or above it are written")
    func levelFilter() {
        let sink = CapturingSink()
        let logger = Logger(level: .warn, format: .text, sink: sink)
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.warn("w")
        logger.error("e")
        logger.fatal("f")

        #expect(sink.lines.count == 3)
        #expect(sink.lines.map { $0.split(separator: " ")[1] } == ["WARN", "ERROR", "FATAL"])
        #expect(!logger.isEnabled(.info))
        #expect(logger.isEnabled(.error))
    }

    @Test(
        "messages with quotes, newlines, control characters and non-ASCII give valid JSON",
        arguments: [
            "say \"hello\"", "line one\nline two\r\n", "tab\there",
            "bell\u{07} nul\u{00} esc\u{1B}",
            "back\\slash", "Zürich — 東京 🚨", "separators \u{2028}\u{2029}", "del\u{7F}",
        ])
    func awkwardMessages(message: String) throws {
        let (logger, sink) = jsonLogger()
        logger.error(message, ["detail": message])

        let line = try #require(sink.lines.first)
        #expect(!line.contains("\n"))
        let object = try parse(line)
        #expect(object["message"] as? String == message)
        #expect(object["detail"] as? String == message)
    }

    @Test("a text line keeps one line even when the message has line breaks")
    func textLineBreaks() throws {
        let sink = CapturingSink()
        Logger(level: .info, format: .text, sink: sink).with(requestID: "r-1")
            .info("first\nsecond", ["k": "a\rb"])

        let line = try #require(sink.lines.first)
        #expect(!line.contains("\n") && !line.contains("\r"))
        #expect(line.contains(" INFO r-1 first second k=a b"))
    }

    @Test("fields cannot overwrite the standard JSON keys")
    func reservedKeys() throws {
        let (logger, sink) = jsonLogger()
        logger.info("real", ["message": "forged", "level": "FATAL"])

        let line = try #require(sink.lines.first)
        let object = try parse(line)
        #expect(object["message"] as? String == "real")
        #expect(object["level"] as? String == "INFO")
    }

    @Test("levels and formats parse as Lambda spells them")
    func levelAndFormatNames() {
        #expect(LogLevel(name: "WARN") == .warn)
        #expect(LogLevel(name: "debug") == .debug)
        #expect(LogLevel(name: "VERBOSE") == nil)
        #expect(LogFormat(name: "JSON") == .json)
        #expect(LogFormat(name: "text") == .text)
        #expect(LogFormat(name: "yaml") == nil)
    }
}
