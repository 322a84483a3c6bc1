import Foundation
import Sandbox
import Synchronization
import Testing

/// The real `bootstrap` binary serving the Runtime API emulator over loopback.
@Suite("bootstrap against the Runtime API", .serialized)
struct BootstrapRuntimeTests {
    static let emptyFindingsEvent = """
        {"version":"0","id":"e1","source":"aws.securityhub",\
        "detail-type":"Security Hub Findings - Imported","region":"us-east-1",\
        "detail":{"findings":[]}}
        """

    private func start(
        _ server: RuntimeAPIServer, environment: [String: String] = [:]
    ) throws -> BootstrapProcess {
        try BootstrapProcess(
            environment: ["AWS_LAMBDA_RUNTIME_API": server.endpoint].merging(environment) { $1 })
    }

    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test("an event with an empty findings list gets a response listing no findings")
    func emptyFindings() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(
            EmulatedInvocation(event: Self.emptyFindingsEvent, requestID: "r-1"))
        let bootstrap = try start(server)

        let results = try #require(server.emulator.waitForResults(count: 1, timeout: .seconds(10)))
        #expect(results[0].kind == .response)
        #expect(results[0].requestID == "r-1")
        let result = try object(results[0].body)
        #expect((result["findings"] as? [Any])?.isEmpty == true)
        #expect(bootstrap.waitForExit(timeout: .milliseconds(100)) == nil)
    }

    @Test("a non-JSON event is an InvalidEvent error with the type header and a JSON body")
    func nonJSONEvent() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(EmulatedInvocation(event: "not json {", requestID: "r-2"))
        let bootstrap = try start(server)

        let results = try #require(server.emulator.waitForResults(count: 1, timeout: .seconds(10)))
        #expect(results[0].kind == .error)
        #expect(results[0].errorType == "InvalidEvent")
        #expect(results[0].header("Content-Type") == "application/vnd.aws.lambda.error+json")
        let body = try object(results[0].body)
        #expect(body["errorType"] as? String == "InvalidEvent")
        #expect(body["errorMessage"] is String)
        #expect((body["stackTrace"] as? [Any])?.isEmpty == true)
        #expect(bootstrap.waitForExit(timeout: .milliseconds(100)) == nil)
    }

    @Test("a malformed event does not end the process: the next one is served")
    func keepsServing() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(EmulatedInvocation(event: "\u{0}\u{1}garbage", requestID: "bad"))
        server.emulator.enqueue(
            EmulatedInvocation(event: Self.emptyFindingsEvent, requestID: "good"))
        let bootstrap = try start(server)

        let results = try #require(server.emulator.waitForResults(count: 2, timeout: .seconds(10)))
        #expect(results.map(\.requestID) == ["bad", "good"])
        #expect(results.map(\.kind) == [.error, .response])
        #expect(server.emulator.waitForNextRequests(count: 3, timeout: .seconds(5)) != nil)
        #expect(bootstrap.waitForExit(timeout: .milliseconds(100)) == nil)
    }

    @Test("a findings event without detail.findings is InvalidEvent")
    func missingFindings() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let event = """
            {"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported",\
            "detail":{}}
            """
        server.emulator.enqueue(EmulatedInvocation(event: event, requestID: "r-3"))
        let bootstrap = try start(server)

        let results = try #require(server.emulator.waitForResults(count: 1, timeout: .seconds(10)))
        #expect(results[0].errorType == "InvalidEvent")
        #expect(try object(results[0].body)["errorType"] as? String == "InvalidEvent")
        _ = bootstrap
    }

    @Test("an error message with quotes and line breaks still gives valid error JSON")
    func awkwardErrorMessage() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let event =
            #"{"source":"evil\"quote\nnewline\\","detail-type":"x","detail":{"findings":[]}}"#
        server.emulator.enqueue(EmulatedInvocation(event: event, requestID: "r-4"))
        let bootstrap = try start(server)

        let results = try #require(server.emulator.waitForResults(count: 1, timeout: .seconds(10)))
        let body = try object(results[0].body)
        #expect(body["errorType"] as? String == results[0].errorType)
        let message = try #require(body["errorMessage"] as? String)
        #expect(message.contains("evil\"quote\nnewline\\"))
        _ = bootstrap
    }

    @Test("bad configuration is an init error naming the variable and value, then exit non-zero")
    func badConfiguration() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let bootstrap = try start(server, environment: ["INVESTIGATION_CONCURRENCY": "abc"])

        let errors = try #require(
            server.emulator.waitForInitErrors(count: 1, timeout: .seconds(10)))
        #expect(errors[0].errorType == "InvalidConfiguration")
        #expect(errors[0].header("Content-Type") == "application/vnd.aws.lambda.error+json")
        let body = try object(errors[0].body)
        let message = try #require(body["errorMessage"] as? String)
        #expect(message.contains("INVESTIGATION_CONCURRENCY") && message.contains("abc"))
        let status = try #require(bootstrap.waitForExit(timeout: .seconds(5)))
        #expect(status != 0)
        #expect(server.emulator.nextRequestTimes.isEmpty)
    }

    @Test("a 500 from GET next makes the process exit promptly, non-zero")
    func serverErrorOnNext() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.failWithServerError(on: [.next])
        let bootstrap = try start(server)

        let status = try #require(bootstrap.waitForExit(timeout: .seconds(5)))
        #expect(status != 0)
    }

    @Test("a 500 answering a response post makes the process exit promptly, non-zero")
    func serverErrorOnResponse() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.failWithServerError(on: [.response, .error])
        server.emulator.enqueue(EmulatedInvocation(event: Self.emptyFindingsEvent))
        let bootstrap = try start(server)

        let status = try #require(bootstrap.waitForExit(timeout: .seconds(5)))
        #expect(status != 0)
        #expect(server.emulator.results.isEmpty)
    }

    @Test("SIGTERM while waiting in GET next ends the process with status 0 within a second")
    func sigtermWhileIdle() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let bootstrap = try start(server)
        #expect(server.emulator.waitForNextRequests(count: 1, timeout: .seconds(5)) != nil)

        bootstrap.send(SIGTERM)
        let status = try #require(bootstrap.waitForExit(timeout: .seconds(1)))
        #expect(status == 0)
        #expect(bootstrap.terminationReason == .exit)
    }

    @Test("SIGTERM in the middle of an invocation ends the process with status 0 within a second")
    func sigtermMidInvocation() throws {
        let awsCalls = Mutex(0)
        let slowAWS = try LoopbackHTTPServer { _ in
            awsCalls.withLock { $0 += 1 }
            Thread.sleep(forTimeInterval: 2)
            return .json(status: 500, ["message": "too late"])
        }
        defer { slowAWS.shutdown() }
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let event = """
            {"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported",\
            "region":"us-east-1","detail":{"findings":[{"Id":"f-1",\
            "ProductArn":"arn:aws:securityhub:us-east-1::product/aws/guardduty",\
            "ProductName":"GuardDuty","AwsAccountId":"123456789012","Region":"us-east-1",\
            "CreatedAt":"2026-12-01T10:00:00.000Z","UpdatedAt":"2026-12-01T10:00:00.000Z",\
            "Resources":[{"Type":"AwsIamUser","Id":"arn:aws:iam::123456789012:user/alice"}]}]}}
            """
        server.emulator.enqueue(EmulatedInvocation(event: event, requestID: "busy"))
        let bootstrap = try start(server, environment: ["AWS_ENDPOINT_URL": slowAWS.baseURL])

        let limit = ContinuousClock.now + .seconds(10)
        while awsCalls.withLock({ $0 }) == 0 && ContinuousClock.now < limit {
            Thread.sleep(forTimeInterval: 0.01)
        }
        try #require(awsCalls.withLock { $0 } > 0, "the invocation never called AWS")
        bootstrap.send(SIGTERM)
        let status = try #require(bootstrap.waitForExit(timeout: .seconds(1)))
        #expect(status == 0)
        #expect(server.emulator.results.isEmpty)
    }

    @Test("JSON logs are one JSON object per line, with the request ID and no secret")
    func jsonLogs() throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(
            EmulatedInvocation(event: Self.emptyFindingsEvent, requestID: "j-1"))
        server.emulator.enqueue(EmulatedInvocation(event: "oops \"\n", requestID: "j-2"))
        let bootstrap = try start(
            server, environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "TRACE"])
        #expect(server.emulator.waitForResults(count: 2, timeout: .seconds(10)) != nil)
        #expect(server.emulator.waitForNextRequests(count: 3, timeout: .seconds(5)) != nil)
        bootstrap.send(SIGTERM)
        #expect(bootstrap.waitForExit(timeout: .seconds(2)) == 0)

        let lines = bootstrap.standardOutput.split(separator: "\n")
        #expect(lines.count >= 4)
        var requestIDs: Set<String> = []
        for line in lines {
            let entry = try object(Array(line.utf8))
            #expect(entry["timestamp"] is String && entry["level"] is String)
            #expect(entry["message"] is String)
            if let requestID = entry["requestId"] as? String { requestIDs.insert(requestID) }
        }
        #expect(requestIDs == ["j-1", "j-2"])
        let secret = try #require(BootstrapProcess.safeEnvironment["AWS_SECRET_ACCESS_KEY"])
        #expect(!bootstrap.standardOutput.contains(secret))
        #expect(!bootstrap.standardOutput.contains("fake-session-token"))
    }
}
