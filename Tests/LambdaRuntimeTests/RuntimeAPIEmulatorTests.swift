import Foundation
import Sandbox
import Testing

@Suite("Runtime API emulator")
struct RuntimeAPIEmulatorTests {
    private let base = "/2018-06-01/runtime"

    private func get(_ emulator: RuntimeAPIEmulator, _ path: String) -> ServerResponse {
        emulator.handle(ServerRequest(method: "GET", target: base + path))
    }

    private func post(
        _ emulator: RuntimeAPIEmulator, _ path: String, _ body: String,
        headers: [ServerHeader] = []
    ) -> ServerResponse {
        emulator.handle(
            ServerRequest(
                method: "POST", target: base + path, headers: headers, body: Array(body.utf8)))
    }

    @Test("GET next delivers the queued event with the chosen headers")
    func nextCarriesHeaders() {
        let emulator = RuntimeAPIEmulator()
        emulator.enqueue(
            EmulatedInvocation(
                event: Array("{}".utf8), requestID: "id-1", deadlineEpochMilliseconds: 42,
                functionARN: "arn:fn", traceID: "Root=1-x"))

        let response = get(emulator, "/invocation/next")
        #expect(response.status == 200)
        #expect(response.body == Array("{}".utf8))
        #expect(response.header("Lambda-Runtime-Aws-Request-Id") == "id-1")
        #expect(response.header("Lambda-Runtime-Deadline-Ms") == "42")
        #expect(response.header("Lambda-Runtime-Invoked-Function-Arn") == "arn:fn")
        #expect(response.header("Lambda-Runtime-Trace-Id") == "Root=1-x")
        #expect(response.header("Lambda-Runtime-Client-Context") == nil)
    }

    @Test("GET next waits until an event is queued")
    func longPoll() async throws {
        let emulator = RuntimeAPIEmulator()
        let started = ContinuousClock.now
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            emulator.enqueue(EmulatedInvocation(event: "late", requestID: "late-1"))
        }

        let response = get(emulator, "/invocation/next")
        #expect(response.header("Lambda-Runtime-Aws-Request-Id") == "late-1")
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        #expect(emulator.nextRequestTimes.count == 1)
    }

    @Test("a response to the invocation in flight is accepted and recorded")
    func responseRecorded() throws {
        let emulator = RuntimeAPIEmulator()
        emulator.enqueue(EmulatedInvocation(event: "{}", requestID: "id-1"))
        _ = get(emulator, "/invocation/next")

        #expect(post(emulator, "/invocation/id-1/response", "{\"ok\":1}").status == 202)
        let results = try #require(emulator.waitForResults(count: 1, timeout: .seconds(1)))
        #expect(results[0].kind == .response)
        #expect(results[0].requestID == "id-1")
        #expect(results[0].bodyText == "{\"ok\":1}")
    }

    @Test("an error is recorded with its type header; a second answer is a 400")
    func errorRecorded() throws {
        let emulator = RuntimeAPIEmulator()
        emulator.enqueue(EmulatedInvocation(event: "{}", requestID: "id-1"))
        _ = get(emulator, "/invocation/next")

        let headers = [ServerHeader("Lambda-Runtime-Function-Error-Type", "InvalidEvent")]
        #expect(post(emulator, "/invocation/id-1/error", "{}", headers: headers).status == 202)
        #expect(post(emulator, "/invocation/id-1/response", "{}").status == 400)
        let results = try #require(emulator.waitForResults(count: 1, timeout: .seconds(1)))
        #expect(results.count == 1)
        #expect(results[0].kind == .error)
        #expect(results[0].errorType == "InvalidEvent")
    }

    @Test("an unknown request ID is a 400 InvalidRequestID, as the Runtime API answers")
    func unknownRequestID() throws {
        let emulator = RuntimeAPIEmulator()
        let response = post(emulator, "/invocation/nobody/response", "{}")

        #expect(response.status == 400)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(object?["errorType"] as? String == "InvalidRequestID")
        #expect(emulator.results.isEmpty)
    }

    @Test("a response over 6 MB is a 413 and is not recorded")
    func oversizedResponse() {
        let emulator = RuntimeAPIEmulator()
        emulator.enqueue(EmulatedInvocation(event: "{}", requestID: "id-1"))
        _ = get(emulator, "/invocation/next")

        let big = String(repeating: "x", count: RuntimeAPIEmulator.maximumResponseBytes + 1)
        #expect(post(emulator, "/invocation/id-1/response", big).status == 413)
        #expect(emulator.results.isEmpty)
    }

    @Test("init errors are recorded with their type header")
    func initErrorRecorded() throws {
        let emulator = RuntimeAPIEmulator()
        let headers = [ServerHeader("Lambda-Runtime-Function-Error-Type", "InvalidConfiguration")]

        #expect(
            post(emulator, "/init/error", "{\"errorMessage\":\"m\"}", headers: headers).status
                == 202)
        let errors = try #require(emulator.waitForInitErrors(count: 1, timeout: .seconds(1)))
        #expect(errors[0].errorType == "InvalidConfiguration")
    }

    @Test("chosen routes answer 500 to simulate a broken environment")
    func serverErrors() {
        let emulator = RuntimeAPIEmulator()
        emulator.enqueue(EmulatedInvocation(event: "{}", requestID: "id-1"))
        emulator.failWithServerError(on: [.next])
        #expect(get(emulator, "/invocation/next").status == 500)

        emulator.failWithServerError(on: [.response])
        #expect(get(emulator, "/invocation/next").status == 200)
        #expect(post(emulator, "/invocation/id-1/response", "{}").status == 500)
    }

    @Test("unknown paths are a 404; waiting for results that never come gives nil")
    func unknownPathAndTimeout() {
        let emulator = RuntimeAPIEmulator()
        #expect(get(emulator, "/invocation/nope/next").status == 404)
        #expect(emulator.handle(ServerRequest(method: "GET", target: "/health")).status == 404)
        #expect(emulator.waitForResults(count: 1, timeout: .milliseconds(50)) == nil)
    }
}
