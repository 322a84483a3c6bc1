#if canImport(Glibc)
    import Glibc
#endif

/// Why reading a request stopped.
enum RequestReadFailure: Error {
    /// The peer closed or reset the connection, or the server is shutting down.
    case closed
    /// The bytes are not HTTP/1.1; answered with 400.
    case malformed(String)
    /// A limit was exceeded; answered with this status (413 or 431).
    case tooLarge(status: Int)
}

/// Limits that keep a misbehaving client from exhausting memory.
struct RequestLimits: Sendable {
    var maxHeadBytes = 64 * 1024
    var maxBodyBytes = 64 * 1024 * 1024
}

/// Reads HTTP/1.1 requests from one socket, buffering bytes between keep-alive requests.
struct RequestReader {
    let socket: Int32
    let limits: RequestLimits
    private var buffer: [UInt8] = []
    private var start = 0

    init(socket: Int32, limits: RequestLimits) {
        self.socket = socket
        self.limits = limits
    }

    /// The next request, or nil when the peer closed cleanly between requests.
    /// `sendContinue` is called when the client waits for `100 Continue` before its body.
    mutating func readRequest(
        sendContinue: () -> Void
    ) throws(RequestReadFailure) -> ServerRequest? {
        guard let head = try readHead() else { return nil }
        var request = try RequestHead.parse(head)

        let framing = try BodyFraming(request: request, limits: limits)
        if framing.expectsBody, request.version == "HTTP/1.1",
            request.header("Expect")?.lowercased() == "100-continue"
        {
            sendContinue()
        }

        switch framing {
        case .none: break
        case .length(let count): request.body = try read(count: count)
        case .chunked: request.body = try readChunkedBody()
        }
        return request
    }

    private mutating func readHead() throws(RequestReadFailure) -> [UInt8]? {
        var scanned = start
        while true {
            if let end = Self.find(terminator: buffer, from: scanned, start: start) {
                let head = Array(buffer[start..<end])
                consume(upTo: end + 4)
                return head
            }
            scanned = max(start, buffer.count - 3)
            if buffer.count - start > limits.maxHeadBytes {
                throw .tooLarge(status: 431)
            }
            let hadBytes = buffer.count > start
            guard try fill() else {
                if hadBytes { throw .malformed("connection closed inside the request head") }
                return nil
            }
            // A TLS handshake or other binary protocol would otherwise wait for a blank line
            // that never comes; answering at once makes the client fail fast.
            if !RequestHead.isTokenCharacter(buffer[start]) {
                throw .malformed("request does not start with a method")
            }
        }
    }

    private mutating func readChunkedBody() throws(RequestReadFailure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine(limit: 1024)
            let sizeText = line.split(separator: ";", maxSplits: 1).first ?? ""
            let trimmed = sizeText.trimmingBlanks()
            guard !trimmed.isEmpty, trimmed.count <= 15,
                let size = Int(trimmed, radix: 16), size >= 0
            else {
                throw .malformed("bad chunk size")
            }
            if size == 0 { break }
            if body.count + size > limits.maxBodyBytes { throw .tooLarge(status: 413) }
            body += try read(count: size)
            guard try readLine(limit: 2).isEmpty else {
                throw .malformed("chunk not followed by CRLF")
            }
        }

        // Trailer fields are read and dropped; nothing in the sandbox needs them.
        var trailerBytes = 0
        while true {
            let line = try readLine(limit: limits.maxHeadBytes)
            if line.isEmpty { return body }
            trailerBytes += line.utf8.count
            if trailerBytes > limits.maxHeadBytes { throw .tooLarge(status: 431) }
        }
    }

    private mutating func readLine(limit: Int) throws(RequestReadFailure) -> String {
        var scanned = start
        while true {
            if let index = buffer[scanned...].firstIndex(of: 0x0A) {
                guard index > start, buffer[index - 1] == 0x0D else {
                    throw .malformed("line not ended by CRLF")
                }
                let line = String(decoding: buffer[start..<(index - 1)], as: UTF8.self)
                consume(upTo: index + 1)
                return line
            }
            scanned = buffer.count
            if buffer.count - start > limit + 2 { throw .malformed("line too long") }
            guard try fill() else { throw .closed }
        }
    }

    private mutating func read(count: Int) throws(RequestReadFailure) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw .closed }
        }
        let bytes = Array(buffer[start..<(start + count)])
        consume(upTo: start + count)
        return bytes
    }

    private mutating func consume(upTo index: Int) {
        start = index
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64 * 1024, start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Reads what the socket has; false at end of stream.
    private mutating func fill() throws(RequestReadFailure) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { raw in
                recv(socket, raw.baseAddress, raw.count, 0)
            }
            if received > 0 {
                buffer += chunk[0..<received]
                return true
            }
            if received == 0 { return false }
            if errno == EINTR { continue }
            throw .closed
        }
    }

    private static func find(terminator buffer: [UInt8], from: Int, start: Int) -> Int? {
        var index = max(from, start)
        while index + 3 < buffer.count {
            if buffer[index] == 0x0D, buffer[index + 1] == 0x0A, buffer[index + 2] == 0x0D,
                buffer[index + 3] == 0x0A
            {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// How the body of a request is delimited.
enum BodyFraming {
    case none
    case length(Int)
    case chunked

    var expectsBody: Bool {
        switch self {
        case .none: false
        case .length(let count): count > 0
        case .chunked: true
        }
    }

    init(request: ServerRequest, limits: RequestLimits) throws(RequestReadFailure) {
        let encodings = request.headers(named: "Transfer-Encoding")
        let lengths = request.headers(named: "Content-Length")
        if !encodings.isEmpty {
            // A request with both is a smuggling vector; RFC 9112 lets servers reject it.
            guard lengths.isEmpty else { throw .malformed("both Transfer-Encoding and length") }
            let last = encodings.joined(separator: ",").split(separator: ",").last
            guard request.version == "HTTP/1.1",
                last?.trimmingBlanks().lowercased() == "chunked"
            else {
                throw .malformed("unsupported Transfer-Encoding")
            }
            self = .chunked
            return
        }
        guard let first = lengths.first else {
            self = .none
            return
        }
        let trimmed = first.trimmingBlanks()
        guard lengths.allSatisfy({ $0.trimmingBlanks() == trimmed }),
            !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
            throw .malformed("bad Content-Length")
        }
        guard trimmed.count <= 18, let count = Int(trimmed) else { throw .tooLarge(status: 413) }
        if count > limits.maxBodyBytes { throw .tooLarge(status: 413) }
        self = count == 0 ? .none : .length(count)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }),
            let last = lastIndex(where: { !isBlank($0) })
        else {
            return ""
        }
        return String(self[first...last])
    }
}
