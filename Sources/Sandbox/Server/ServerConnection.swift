#if canImport(Glibc)
    import Glibc
#endif

/// Serves the requests of one accepted socket, in order, until either side closes.
struct ServerConnection {
    let socket: Int32
    let limits: RequestLimits
    let handler: @Sendable (ServerRequest) -> ServerResponse

    /// Returns when the connection should be closed; the caller closes the socket.
    func run() {
        var reader = RequestReader(socket: socket, limits: limits)
        while true {
            let request: ServerRequest
            do {
                guard
                    let next = try reader.readRequest(sendContinue: {
                        _ = send(bytes: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    })
                else { return }
                request = next
            } catch {
                switch error {
                case .closed: break
                case .malformed(let reason): answerAndClose(status: 400, reason)
                case .tooLarge(let status): answerAndClose(status: status, "request too large")
                }
                return
            }

            let response = handler(request)
            if response.dropsConnection { return }
            if response.truncatesBody {
                var promised = response
                promised.body += [UInt8](repeating: 0x20, count: response.body.count + 16)
                let head = Self.head(of: promised, method: request.method, keepAlive: false)
                _ = send(bytes: head + response.body)
                return
            }
            let keepAlive = Self.keepsAlive(request)
            let head = Self.head(of: response, method: request.method, keepAlive: keepAlive)
            let body = request.method == "HEAD" ? [] : response.body
            guard send(bytes: head + body), keepAlive else { return }
        }
    }

    private func answerAndClose(status: Int, _ reason: String) {
        let response = ServerResponse.text(status: status, reason + "\n")
        _ = send(bytes: Self.head(of: response, method: "", keepAlive: false) + response.body)
        drainBeforeClose()
    }

    /// Reads what the client still sends for a moment: closing with unread bytes makes the
    /// kernel send a reset, which can destroy the error answer before the client reads it.
    private func drainBeforeClose() {
        Glibc.shutdown(socket, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(
            socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var drained = 0
        while drained < 1024 * 1024 {
            let received = scratch.withUnsafeMutableBytes { raw in
                recv(socket, raw.baseAddress, raw.count, 0)
            }
            guard received > 0 else { return }
            drained += received
        }
    }

    private static func keepsAlive(_ request: ServerRequest) -> Bool {
        let tokens = request.headers(named: "Connection")
            .flatMap { $0.lowercased().split(separator: ",") }
            .map { $0.trimmingBlanks() }
        if tokens.contains("close") { return false }
        return request.version == "HTTP/1.1" || tokens.contains("keep-alive")
    }

    private static func head(
        of response: ServerResponse, method: String, keepAlive: Bool
    ) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        var text = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        let framing: Set<String> = ["content-length", "connection", "transfer-encoding"]
        for header in response.headers where !framing.contains(header.name.lowercased()) {
            // A CR or LF from a handler would split the header; drop it rather than crash.
            text += "\(clean(header.name)): \(clean(header.value))\r\n"
        }
        if status != 204, status != 304 {
            text += "Content-Length: \(response.body.count)\r\n"
        }
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        return Array((text + "\r\n").utf8)
    }

    private static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// Writes all bytes; false when the peer is gone.
    private func send(bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(
                    socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }
}
