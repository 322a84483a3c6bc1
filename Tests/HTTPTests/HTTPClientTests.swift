import Glibc
import Sandbox
import Synchronization
import Testing

@testable import HTTP

/// Records every request the server saw, for checks of the bytes on the wire.
private final class Recorder: Sendable {
    private let seen = Mutex<[ServerRequest]>([])

    var requests: [ServerRequest] { seen.withLock { $0 } }

    func record(_ request: ServerRequest) {
        seen.withLock { $0.append(request) }
    }
}

/// A server that echoes the body and reports the method, and remembers each request.
private func echoServer(_ recorder: Recorder) throws -> LoopbackHTTPServer {
    try LoopbackHTTPServer { request in
        recorder.record(request)
        return ServerResponse(
            status: 200, headers: [ServerHeader("X-Method", request.method)], body: request.body)
    }
}

private func binaryBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

@Suite("HTTP client")
struct HTTPClientTests {
    @Test("a GET sends exactly the given headers and no body")
    func getSendsExactHeaders() async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }

        let response = try await HTTPClient().send(
            HTTPRequest(
                url: server.baseURL + "/path/a%20b?x=1&y=2",
                headers: [HTTPHeader("X-Amz-Date", "20240101T000000Z"), HTTPHeader("x-empty", "")]))

        #expect(response.status == 200)
        let request = try #require(recorder.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/path/a%20b")
        #expect(request.query == "x=1&y=2")
        #expect(request.body.isEmpty)
        #expect(
            request.headers == [
                ServerHeader("Host", "127.0.0.1:\(server.port)"),
                ServerHeader("X-Amz-Date", "20240101T000000Z"),
                ServerHeader("x-empty", ""),
            ])
    }

    @Test(
        "bodies round-trip byte for byte, whatever the method",
        arguments: [
            ("POST", 0), ("POST", 17), ("PUT", 1_500_000), ("PATCH", 70_000), ("DELETE", 3),
        ])
    func bodiesRoundTrip(method: String, size: Int) async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        let body = binaryBytes(count: size, seed: UInt64(size))

        let response = try await HTTPClient().send(
            HTTPRequest(
                method: method, url: server.baseURL + "/echo",
                headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")], body: body))

        #expect(response.status == 200)
        #expect(response.header("x-method") == method)
        #expect(response.body == body)
        let request = try #require(recorder.requests.first)
        #expect(request.method == method)
        #expect(request.header("Content-Length") == "\(size)")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("Expect") == nil)
        #expect(request.header("Accept") == nil)
        #expect(request.header("Transfer-Encoding") == nil)
    }

    @Test("status and response headers come back in order, without the status line")
    func responseHeaders() async throws {
        let server = try LoopbackHTTPServer { _ in
            ServerResponse(
                status: 429,
                headers: [
                    ServerHeader("X-Amzn-ErrorType", "ThrottlingException"),
                    ServerHeader("X-Twice", "1"), ServerHeader("x-twice", "2"),
                ],
                body: Array("slow down".utf8))
        }
        defer { server.shutdown() }

        let response = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/"))

        #expect(response.status == 429)
        #expect(response.body == Array("slow down".utf8))
        #expect(response.header("x-amzn-errortype") == "ThrottlingException")
        #expect(
            response.headers == [
                HTTPHeader("X-Amzn-ErrorType", "ThrottlingException"),
                HTTPHeader("X-Twice", "1"), HTTPHeader("x-twice", "2"),
                HTTPHeader("Content-Length", "9"), HTTPHeader("Connection", "keep-alive"),
            ])
    }

    @Test("an Expect: 100-continue exchange keeps only the final response's headers")
    func interimResponse() async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        let body = binaryBytes(count: 5000, seed: 5)

        let response = try await HTTPClient().send(
            HTTPRequest(
                method: "POST", url: server.baseURL + "/",
                headers: [HTTPHeader("Expect", "100-continue")], body: body))

        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.headers.first == HTTPHeader("X-Method", "POST"))
        #expect(recorder.requests.first?.header("Expect") == "100-continue")
    }

    @Test("HEAD and a bodiless DELETE send no body and no length")
    func bodilessMethods() async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        let client = HTTPClient()

        let head = try await client.send(HTTPRequest(method: "HEAD", url: server.baseURL + "/h"))
        let delete = try await client.send(
            HTTPRequest(method: "DELETE", url: server.baseURL + "/d"))

        #expect(head.status == 200)
        #expect(delete.header("X-Method") == "DELETE")
        #expect(recorder.requests.map(\.method) == ["HEAD", "DELETE"])
        #expect(recorder.requests.allSatisfy { $0.header("Content-Length") == nil })
    }

    @Test("sequential calls to one host reuse one connection")
    func connectionReuse() async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        let client = HTTPClient()

        for index in 0..<5 {
            let response = try await client.send(
                HTTPRequest(method: "POST", url: server.baseURL + "/", body: [UInt8(index)]))
            #expect(response.body == [UInt8(index)])
        }

        #expect(server.acceptedConnectionCount == 1)
    }

    @Test("twenty concurrent calls from a task group each get their own answer")
    func concurrentCalls() async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        let client = HTTPClient()

        let bodies = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<20 {
                group.addTask {
                    let response = try await client.send(
                        HTTPRequest(
                            method: "POST", url: server.baseURL + "/\(index)",
                            body: Array("request \(index)".utf8)))
                    return (index, response.body)
                }
            }
            var bodies: [Int: [UInt8]] = [:]
            for try await (index, body) in group { bodies[index] = body }
            return bodies
        }

        #expect(bodies.count == 20)
        for (index, body) in bodies {
            #expect(body == Array("request \(index)".utf8))
        }
        #expect(recorder.requests.count == 20)
    }

    @Test("a slow answer fails with timeout, soon after the limit")
    func timeout() async throws {
        let server = try LoopbackHTTPServer { _ in
            usleep(2_000_000)
            return .text("late")
        }
        defer { server.shutdown() }
        let started = ContinuousClock.now

        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(
                HTTPRequest(url: server.baseURL + "/", timeout: .milliseconds(300)))
        }

        #expect(error?.code == .timeout)
        #expect(error?.isTransient == true)
        #expect(ContinuousClock.now - started < .milliseconds(1500))
    }

    @Test("a connection closed without an answer fails with connectionDropped")
    func droppedConnection() async throws {
        let server = try LoopbackHTTPServer { _ in .dropConnection }
        defer { server.shutdown() }

        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/"))
        }

        #expect(error?.code == .connectionDropped)
        #expect(error?.isTransient == true)
    }

    @Test("libcurl retries a drop on a reused connection once; a truncated answer it does not")
    func dropsOnReusedConnections() async throws {
        let calls = Atomic<Int>(0)
        let server = try LoopbackHTTPServer { request in
            let call = calls.add(1, ordering: .relaxed).newValue
            switch (request.path, call) {
            case ("/drop", 2): return .dropConnection
            case ("/truncate", _): return .truncatedResponse
            default: return .text("ok")
            }
        }
        defer { server.shutdown() }
        let client = HTTPClient()

        _ = try await client.send(HTTPRequest(url: server.baseURL + "/warm"))
        let retried = try await client.send(HTTPRequest(url: server.baseURL + "/drop"))
        #expect(retried.status == 200)
        #expect(calls.load(ordering: .relaxed) == 3)

        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/truncate"))
        }
        #expect(error?.code == .connectionDropped)
        #expect(calls.load(ordering: .relaxed) == 4)
    }

    @Test("a closed port fails with connect")
    func closedPort() async throws {
        let closed = try RefusingPort()

        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(HTTPRequest(url: "http://127.0.0.1:\(closed.port)/"))
        }

        #expect(error?.code == .connect)
        #expect(error?.isTransient == true)
    }

    @Test("a name under .invalid fails with dns")
    func unresolvableHost() async throws {
        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(HTTPRequest(url: "http://no-such-host.invalid/"))
        }

        #expect(error?.code == .dns)
    }

    @Test("https to a port that speaks plain HTTP never succeeds")
    func httpsToPlainPort() async throws {
        let server = try LoopbackHTTPServer { _ in .text("plain") }
        defer { server.shutdown() }

        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(
                HTTPRequest(url: "https://127.0.0.1:\(server.port)/", timeout: .seconds(5)))
        }

        #expect(error?.code == .tls || error?.code == .connect)
    }

    @Test("a body over the client's limit fails with responseTooLarge")
    func responseTooLarge() async throws {
        let server = try LoopbackHTTPServer { _ in
            ServerResponse(status: 200, body: [UInt8](repeating: 7, count: 5000))
        }
        defer { server.shutdown() }
        let client = HTTPClient(maxResponseBytes: 4999)

        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }
        let fits = try await HTTPClient(maxResponseBytes: 5000).send(
            HTTPRequest(url: server.baseURL + "/"))

        #expect(error?.code == .responseTooLarge)
        #expect(error?.isTransient == false)
        #expect(fits.body.count == 5000)
    }

    @Test(
        "a request that cannot be sent fails with invalidRequest before any byte goes out",
        arguments: [
            HTTPRequest(url: "PLACEHOLDER", headers: [HTTPHeader("X-Bad", "a\r\nInjected: 1")]),
            HTTPRequest(url: "PLACEHOLDER", headers: [HTTPHeader("Bad Name", "v")]),
            HTTPRequest(method: "GE T", url: "PLACEHOLDER"),
            HTTPRequest(url: "ftp://127.0.0.1/"),
            HTTPRequest(url: "http://127.0.0.1/a b"),
        ])
    func invalidRequest(template: HTTPRequest) async throws {
        let recorder = Recorder()
        let server = try echoServer(recorder)
        defer { server.shutdown() }
        var request = template
        if request.url == "PLACEHOLDER" { request.url = server.baseURL + "/" }

        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(request)
        }

        #expect(error?.code == .invalidRequest)
        #expect(recorder.requests.isEmpty)
    }

    @Test("cancelling the awaiting task ends a long poll")
    func cancellation() async throws {
        let release = Atomic<Bool>(false)
        let server = try LoopbackHTTPServer { _ in
            while !release.load(ordering: .acquiring) { usleep(10_000) }
            return .text("event")
        }
        defer {
            release.store(true, ordering: .releasing)
            server.shutdown()
        }
        let started = ContinuousClock.now

        let task = Task {
            try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/next", timeout: nil))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result

        #expect(throws: HTTPClientError.self) { try result.get() }
        if case .failure(let error as HTTPClientError) = result {
            #expect(error.code == .cancelled)
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("a long poll in flight holds back no other exchange of the same client")
    func longPollBesideCalls() async throws {
        let release = Atomic<Bool>(false)
        let server = try LoopbackHTTPServer { request in
            if request.path.hasPrefix("/next") {
                while !release.load(ordering: .acquiring) { usleep(10_000) }
            }
            return .text("answer")
        }
        defer {
            release.store(true, ordering: .releasing)
            server.shutdown()
        }
        let client = HTTPClient(maxIdleConnections: 1)

        let poll = Task {
            try await client.send(HTTPRequest(url: server.baseURL + "/next", timeout: nil))
        }
        try await Task.sleep(for: .milliseconds(100))
        for _ in 0..<5 {
            let response = try await client.send(
                HTTPRequest(url: server.baseURL + "/call", timeout: .seconds(2)))
            #expect(response.status == 200)
        }

        release.store(true, ordering: .releasing)
        #expect(try await poll.value.status == 200)
    }

    @Test("the origin used for reuse and logs drops user, path and query")
    func origin() {
        #expect(
            HTTPClient.origin(of: "https://User:pw@Example.com:8443/p?q=1")
                == "https://example.com:8443")
        #expect(HTTPClient.origin(of: "http://127.0.0.1:9001?x") == "http://127.0.0.1:9001")
        #expect(HTTPClient.origin(of: "not a url") == "")
    }
}

@Suite("Trust store")
struct TrustStoreTests {
    @Test("verification uses a CA bundle that exists on this machine")
    func caBundleFound() throws {
        let path = try #require(CurlOptions.caBundlePath)
        #expect(access(path, R_OK) == 0)
        #expect(path.hasSuffix(".crt") || path.hasSuffix(".pem"))
    }
}
