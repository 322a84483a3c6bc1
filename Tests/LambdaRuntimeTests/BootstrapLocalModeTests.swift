import Foundation
import Testing

/// `bootstrap --event FILE`: one invocation without the Runtime API.
@Suite("bootstrap local mode")
struct BootstrapLocalModeTests {
    private func lastLineObject(_ text: String) throws -> [String: Any] {
        let line = try #require(text.split(separator: "\n").last)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("an event file runs once: the result JSON on stdout, exit 0")
    func eventFile() throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("event-\(UUID().uuidString).json")
        try Data(BootstrapRuntimeTests.emptyFindingsEvent.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let bootstrap = try BootstrapProcess(arguments: ["--event", file.path])
        #expect(bootstrap.waitForExit(timeout: .seconds(10)) == 0)
        let result = try lastLineObject(bootstrap.standardOutput)
        #expect((result["findings"] as? [Any])?.isEmpty == true)
    }

    @Test("'-' reads the event from standard input")
    func standardInput() throws {
        let bootstrap = try BootstrapProcess(
            arguments: ["--event", "-"], input: Array(BootstrapRuntimeTests.emptyFindingsEvent.utf8)
        )
        #expect(bootstrap.waitForExit(timeout: .seconds(10)) == 0)
        #expect((try lastLineObject(bootstrap.standardOutput)["findings"] as? [Any]) != nil)
    }

    @Test("a failed invocation exits 1 with the error JSON on stderr and nothing on stdout")
    func failure() throws {
        let bootstrap = try BootstrapProcess(
            arguments: ["--event", "-"], input: Array("not \"json\"\n".utf8))
        #expect(bootstrap.waitForExit(timeout: .seconds(10)) == 1)
        #expect(bootstrap.standardOutput.isEmpty)
        let error = try lastLineObject(bootstrap.standardError)
        #expect(error["errorType"] as? String == "InvalidEvent")
    }

    @Test(
        "a value that does not parse fails start-up, named with its value",
        arguments: [
            ("INVESTIGATION_CONCURRENCY", "abc"), ("INVESTIGATION_CONCURRENCY", "0"),
            ("INVESTIGATION_POLL_SECONDS", "-1"), ("INVESTIGATION_LOOKBACK_HOURS", "nan"),
            ("INVESTIGATION_DEADLINE_MARGIN_SECONDS", "ten"),
            ("INVESTIGATION_MAX_SCOPE_DAYS", "1.5"), ("INVESTIGATION_REUSE_MINUTES", "-5"),
            ("AWS_LAMBDA_LOG_LEVEL", "LOUD"), ("AWS_LAMBDA_LOG_FORMAT", "xml"),
            ("DETECTIVE_GRAPH_ARN", "graph-123"), ("AWS_MAX_ATTEMPTS", "many"),
        ])
    func badValue(variable: String, value: String) throws {
        let bootstrap = try BootstrapProcess(
            arguments: ["--event", "-"], environment: [variable: value],
            input: Array(BootstrapRuntimeTests.emptyFindingsEvent.utf8))
        #expect(bootstrap.waitForExit(timeout: .seconds(10)) == 1)
        let error = try lastLineObject(bootstrap.standardError)
        #expect(error["errorType"] as? String == "InvalidConfiguration")
        let message = try #require(error["errorMessage"] as? String)
        #expect(message.contains(variable) && message.contains(value))
    }

    @Test("fractional seconds and hours are accepted")
    func fractionalValues() throws {
        let bootstrap = try BootstrapProcess(
            arguments: ["--event", "-"],
            environment: [
                "INVESTIGATION_POLL_SECONDS": "0.5", "INVESTIGATION_LOOKBACK_HOURS": "1.5",
                "INVESTIGATION_DEADLINE_MARGIN_SECONDS": "2.25",
                "DETECTIVE_GRAPH_ARN":
                    "arn:aws:detective:us-east-1:123456789012:graph:027c7c4610ea4aacaf0b883093cab899",
            ],
            input: Array(BootstrapRuntimeTests.emptyFindingsEvent.utf8))
        #expect(bootstrap.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("--help explains both modes and every variable")
    func help() throws {
        let bootstrap = try BootstrapProcess(arguments: ["--help"])
        #expect(bootstrap.waitForExit(timeout: .seconds(5)) == 0)
        let text = bootstrap.standardOutput
        for name in [
            "--event", "AWS_LAMBDA_RUNTIME_API", "AWS_REGION", "AWS_ENDPOINT_URL_DETECTIVE",
            "AWS_MAX_ATTEMPTS", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL",
            "DETECTIVE_GRAPH_ARN", "INVESTIGATION_LOOKBACK_HOURS", "INVESTIGATION_POLL_SECONDS",
            "INVESTIGATION_DEADLINE_MARGIN_SECONDS", "INVESTIGATION_CONCURRENCY",
            "INVESTIGATION_MAX_SCOPE_DAYS", "INVESTIGATION_REUSE_MINUTES",
        ] {
            #expect(text.contains(name), "help does not mention \(name)")
        }
    }
}
