import Glibc
import JSON
import Sandbox
import Synchronization
import Testing

/// Echoes what the server parsed, so each test can check the request from the client side.
private func echo(_ request: ServerRequest) -> ServerResponse {
    ServerResponse(
        status: 200,
        headers: [
            ServerHeader("X-Method", request.method),
            ServerHeader("X-Path", request.path),
            ServerHeader("X-Query", request.query),
            ServerHeader("X-Custom", request.header("x-custom") ?? "-"),
        ],
        body: request.body)
}

@Suite("Loopback HTTP server")
struct LoopbackHTTPServerTests {
    @Test("a GET is parsed into method, path, query and headers")
    func parsesGet() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send("GET /a%2Fb/c?x=1&y=%20 HTTP/1.1\r\nHost: h\r\nX-CUSTOM:  v 1 \r\n\r\n")
        let response = try client.readResponse()

        #expect(response.status == 200)
        #expect(response.header("X-Method") == "GET")
        #expect(response.header("X-Path") == "/a%2Fb/c")
        #expect(response.header("X-Query") == "x=1&y=%20")
        #expect(response.header("X-Custom") == "v 1")
        #expect(response.header("Content-Length") == "0")
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.port != 0)
    }

    @Test("keep-alive serves several requests on one connection")
    func keepAlive() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        for index in 0..<3 {
            try client.send("POST /n HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n\(index)")
            let response = try client.readResponse()
            #expect(response.body == Array("\(index)".utf8))
            #expect(response.header("Connection") == "keep-alive")
        }
        #expect(server.acceptedConnectionCount == 1)
    }

    @Test("Connection: close is honoured after the answer")
    func connectionClose() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let response = try client.readResponse()

        #expect(response.header("Connection") == "close")
        #expect(try client.isClosedByPeer())
    }

    @Test("a binary Content-Length body arrives byte for byte")
    func binaryBody() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }

        let client = try RawSocketClient(port: server.port)
        try client.send("PUT /bin HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.count)\r\n\r\n")
        try client.send(body)
        let response = try client.readResponse()

        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test("a chunked body is de-chunked, extensions and trailers ignored")
    func chunkedBody() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send(
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
        let response = try client.readResponse()

        #expect(String(decoding: response.body, as: UTF8.self) == "hello 0123456789")
        try client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().header("X-Path") == "/after")
    }

    @Test("Expect: 100-continue gets an interim answer before the body is sent")
    func expectContinue() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send(
            "POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.statusLine == "HTTP/1.1 100 Continue")

        try client.send("body")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.body == Array("body".utf8))
    }

    @Test(
        "a malformed request gets 400 and the connection closes",
        arguments: [
            "GARBAGE\r\n\r\n",
            "GET / HTTP/2.0\r\nHost: h\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "GET /  HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\nHost: h\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        ])
    func malformed(request: String) throws {
        let handled = Atomic<Int>(0)
        let server = try LoopbackHTTPServer { request in
            handled.add(1, ordering: .relaxed)
            return echo(request)
        }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()

        #expect(response.status == 400)
        #expect(try client.isClosedByPeer())
        #expect(handled.load(ordering: .relaxed) == 0)
    }

    @Test("an oversized head gets 431 and an oversized body 413")
    func limits() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }

        let big = try RawSocketClient(port: server.port)
        try big.send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 70_000))")
        #expect(try big.readResponse().status == 431)

        let huge = try RawSocketClient(port: server.port)
        try huge.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n")
        #expect(try huge.readResponse().status == 413)
    }

    @Test("dropConnection closes the socket without an answer")
    func dropConnection() throws {
        let server = try LoopbackHTTPServer { _ in .dropConnection }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")

        #expect(try client.isClosedByPeer())
    }

    @Test("json and text responses carry their content type and body")
    func responseBuilders() throws {
        let server = try LoopbackHTTPServer { request in
            if request.path == "/json" {
                return .json(
                    status: 201, .object(["a": .number(1)]),
                    headers: [ServerHeader("X-Extra", "e")])
            }
            return .text(status: 404, "nope")
        }
        defer { server.shutdown() }

        let client = try RawSocketClient(port: server.port)
        try client.send("GET /json HTTP/1.1\r\nHost: h\r\n\r\n")
        let json = try client.readResponse()
        #expect(json.statusLine == "HTTP/1.1 201 Created")
        #expect(json.header("Content-Type") == "application/json")
        #expect(json.header("X-Extra") == "e")
        #expect(json.body == Array(#"{"a":1}"#.utf8))

        try client.send("GET /other HTTP/1.1\r\nHost: h\r\n\r\n")
        let text = try client.readResponse()
        #expect(text.status == 404)
        #expect(text.body == Array("nope".utf8))
    }

    @Test("a blocked handler does not hold up another connection")
    func blockedHandler() throws {
        let release = Atomic<Bool>(false)
        let server = try LoopbackHTTPServer { request in
            if request.path == "/wait" {
                while !release.load(ordering: .acquiring) { usleep(1_000) }
            }
            return echo(request)
        }
        defer { server.shutdown() }

        let waiting = try RawSocketClient(port: server.port)
        try waiting.send("GET /wait HTTP/1.1\r\nHost: h\r\n\r\n")
        let other = try RawSocketClient(port: server.port)
        try other.send("GET /now HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try other.readResponse().header("X-Path") == "/now")

        release.store(true, ordering: .releasing)
        #expect(try waiting.readResponse().header("X-Path") == "/wait")
    }

    @Test("shutdown closes idle connections, frees the port and is idempotent")
    func shutdown() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        let client = try RawSocketClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        _ = try client.readResponse()

        server.shutdown()
        server.shutdown()

        #expect(try client.isClosedByPeer())
        #expect(throws: RawSocketClient.Failure.self) { try RawSocketClient(port: server.port) }
        let again = try LoopbackHTTPServer(port: server.port) { echo($0) }
        #expect(again.port == server.port)
        again.shutdown()
    }

    @Test("random bytes never crash the server")
    func randomBytes() throws {
        let server = try LoopbackHTTPServer { echo($0) }
        defer { server.shutdown() }
        var generator = SystemRandomNumberGenerator()

        for _ in 0..<50 {
            let client = try RawSocketClient(port: server.port)
            let count = Int.random(in: 1...2000, using: &generator)
            let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try client.send(noise + Array("\r\n\r\n".utf8))
            let response = try client.readResponse()
            #expect(response.status == 400 || response.status == 431)
        }

        let client = try RawSocketClient(port: server.port)
        try client.send("GET /alive HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().header("X-Path") == "/alive")
    }
}
