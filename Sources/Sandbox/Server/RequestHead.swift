/// Parses the request line and header fields of one request.
enum RequestHead {
    /// The request described by `head`, the bytes before the blank line; no body yet.
    static func parse(_ head: [UInt8]) throws(RequestReadFailure) -> ServerRequest {
        let lines = try splitLines(head)
        guard let requestLine = lines.first else { throw .malformed("empty request") }

        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = token(parts[0]) else {
            throw .malformed("bad request line")
        }
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("bad request-target")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw .malformed("unsupported HTTP version")
        }

        var headers: [ServerHeader] = []
        for line in lines.dropFirst() {
            headers.append(try field(line))
        }
        if version == "HTTP/1.1", !headers.contains(where: { $0.name.lowercased() == "host" }) {
            throw .malformed("missing Host header")
        }
        return ServerRequest(
            method: method, target: String(decoding: target, as: UTF8.self), version: version,
            headers: headers)
    }

    private static func splitLines(_ head: [UInt8]) throws(RequestReadFailure) -> [ArraySlice<
        UInt8
    >] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var index = 0
        while index < head.count {
            if head[index] == 0x0A {
                guard index > lineStart, head[index - 1] == 0x0D else {
                    throw .malformed("line not ended by CRLF")
                }
                lines.append(head[lineStart..<(index - 1)])
                lineStart = index + 1
            }
            index += 1
        }
        lines.append(head[lineStart..<head.count])
        return lines
    }

    private static func field(_ line: ArraySlice<UInt8>) throws(RequestReadFailure) -> ServerHeader
    {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
            let name = token(line[line.startIndex..<colon])
        else {
            throw .malformed("bad header field")
        }
        let value = line[(colon + 1)...]
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .malformed("control character in header value")
        }
        return ServerHeader(name, String(decoding: value, as: UTF8.self).trimmingBlanks())
    }

    /// The bytes as a string when they form an RFC 9110 token, else nil.
    private static func token(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.allSatisfy(isTokenCharacter) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
