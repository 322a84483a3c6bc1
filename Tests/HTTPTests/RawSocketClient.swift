import Glibc

/// A bare TCP client that writes exact bytes, to test the server with requests no
/// well-behaved HTTP client would send.
final class RawSocketClient {
    struct Response {
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        var status: Int { Int(statusLine.split(separator: " ")[1]) ?? -1 }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }

        // A test must fail, not hang, when the server never answers.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(
            socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here: a throwing init of a fully initialised class still runs deinit,
        // and a second close could hit a descriptor another test has just opened.
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
    }

    deinit {
        close(socket)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(
                    socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += written
        }
    }

    /// Reads one response framed by Content-Length (or by the close when there is none).
    func readResponse() throws -> Response {
        guard let headEnd = try readUntilHeadEnd() else {
            throw Failure(description: "connection closed before a response")
        }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)

        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let headers = lines.map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (
                name: String(parts[0]),
                value: parts.count > 1 ? String(parts[1].drop { $0 == " " }) : ""
            )
        }
        var response = Response(statusLine: statusLine, headers: headers, body: [])
        if statusLine.contains(" 100 ") { return response }

        if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            while buffer.count < length {
                guard try fill() else { throw Failure(description: "body cut short") }
            }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            while try fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// True when the server closed the connection (end of stream with nothing unread).
    func isClosedByPeer() throws -> Bool {
        guard buffer.isEmpty else { return false }
        return try !fill()
    }

    private func readUntilHeadEnd() throws -> Int? {
        while true {
            if buffer.count >= 4 {
                for index in 0...(buffer.count - 4)
                where buffer[index..<(index + 4)].elementsEqual([13, 10, 13, 10]) {
                    return index
                }
            }
            guard try fill() else { return nil }
        }
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let received = chunk.withUnsafeMutableBytes { raw in
            recv(socket, raw.baseAddress, raw.count, 0)
        }
        if received < 0 {
            if errno == ECONNRESET { return false }
            throw Failure(description: "recv: errno \(errno)")
        }
        buffer += chunk[0..<received]
        return received > 0
    }
}

/// A loopback port bound but not listening: connecting to it is refused, and no other
/// test can take the port while this holds it.
final class RefusingPort {
    let port: UInt16
    private let socket: Int32

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        self.socket = socket
        port = UInt16(bigEndian: address.sin_port)
        guard bound else { throw RawSocketClient.Failure(description: "bind: errno \(errno)") }
    }

    deinit {
        close(socket)
    }
}
