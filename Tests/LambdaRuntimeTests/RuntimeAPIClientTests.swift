import Logging
import Sandbox
import Testing

@testable import LambdaRuntime

/// The client's bytes on the wire, checked by the emulator over loopback.
@Suite("RuntimeAPIClient")
struct RuntimeAPIClientTests {
    @Test("next reads the invocation; a response post is accepted and recorded")
    func nextAndResponse() async throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(
            EmulatedInvocation(
                event: Array("{\"a\":1}".utf8), requestID: "id/with space",
                traceID: "Root=1-abc"))
        let client = try RuntimeAPIClient(endpoint: server.endpoint)

        let invocation = try await client.next(logger: .disabled)
        #expect(invocation.context.requestID == "id/with space")
        #expect(invocation.context.traceID == "Root=1-abc")
        #expect(invocation.event == Array("{\"a\":1}".utf8))
        #expect(
            try await client.postResponse(requestID: "id/with space", body: [0x7B, 0x7D])
                == .accepted)
        #expect(server.emulator.results.first?.requestID == "id/with space")
    }

    @Test("an error post carries the content type and the error-type header")
    func errorPost() async throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.enqueue(EmulatedInvocation(event: "{}", requestID: "e-1"))
        let client = try RuntimeAPIClient(endpoint: server.endpoint)
        _ = try await client.next(logger: .disabled)

        let error = InvocationError(errorType: "InvalidEvent", errorMessage: "line\nbreak")
        #expect(try await client.postError(requestID: "e-1", error: error) == .accepted)
        let recorded = try #require(server.emulator.results.first)
        #expect(recorded.errorType == "InvalidEvent")
        #expect(recorded.header("Content-Type") == InvocationError.contentType)
        #expect(recorded.body == error.body)
    }

    @Test("a 400 for an unknown request ID is a rejection, not a failure")
    func rejection() async throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        let client = try RuntimeAPIClient(endpoint: server.endpoint)

        let outcome = try await client.postResponse(requestID: "nobody", body: [])
        guard case .rejected(let status, let body) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(status == 400)
        #expect(body.contains("InvalidRequestID"))
    }

    @Test("a 500 to any call is an environmentBroken error")
    func serverError() async throws {
        let server = try RuntimeAPIServer()
        defer { server.shutdown() }
        server.emulator.failWithServerError(on: Set(RuntimeAPIRoute.allCases))
        let client = try RuntimeAPIClient(endpoint: server.endpoint)
        let error = InvocationError(errorType: "T", errorMessage: "m")

        await #expect(throws: LambdaRuntimeError.self) {
            _ = try await client.next(logger: .disabled)
        }
        do {
            _ = try await client.postInitError(error)
            Issue.record("a 500 must throw")
        } catch {
            #expect(error.code == .environmentBroken)
        }
    }

    @Test(
        "AWS_LAMBDA_RUNTIME_API must be a host:port",
        arguments: ["", "localhost", "127.0.0.1:0", "127.0.0.1:99999", "http://h:1", "h:port"])
    func invalidEndpoint(endpoint: String) {
        #expect(throws: LambdaRuntimeError.self) { _ = try RuntimeAPIClient(endpoint: endpoint) }
    }
}
