/// The canonical forms of the SigV4 document: URI, query string, headers.
enum Canonical {
    /// The canonical URI of a non-S3 service: the path with dot segments and empty
    /// segments removed, then every byte outside the unreserved set and `/` percent-encoded.
    ///
    /// The path arrives already encoded, so a `%` in it is encoded again (`%20` becomes
    /// `%2520`): this is the double encoding every service but S3 expects.
    static func uri(path: String, normalizing: Bool = true) -> String {
        let source = normalizing ? normalizedPath(path) : (path.isEmpty ? "/" : path)
        return percentEncoded(source.utf8, keepingSlash: true)
    }

    /// The path with `.` and `..` segments resolved and repeated slashes collapsed, keeping
    /// the leading slash and a trailing slash when anything remains.
    static func normalizedPath(_ path: String) -> String {
        let bytes = Array(path.utf8)
        guard let first = bytes.first, let last = bytes.last else { return "/" }

        // Bytes, not Characters: a combining mark after `/` must not hide the separator.
        var kept: [ArraySlice<UInt8>] = []
        for segment in bytes.split(separator: UInt8(ascii: "/")) {
            switch Array(segment) {
            case [UInt8(ascii: ".")]:
                continue
            case [UInt8(ascii: "."), UInt8(ascii: ".")]:
                _ = kept.popLast()
            default:
                kept.append(segment)
            }
        }

        var output: [UInt8] = first == UInt8(ascii: "/") ? [UInt8(ascii: "/")] : []
        output += kept.joined(separator: [UInt8(ascii: "/")])
        if last == UInt8(ascii: "/"), !kept.isEmpty { output.append(UInt8(ascii: "/")) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical query string: each `key=value` pair decoded, encoded again with the
    /// RFC 3986 unreserved set, then sorted by key and by value.
    static func queryString(_ query: String) -> String {
        var pairs: [(key: String, value: String)] = []
        let bytes = Array(query.utf8)
        for piece in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = piece.split(
                separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentEncoded(percentDecoded(parts[0]), keepingSlash: false)
            let value =
                parts.count > 1
                ? percentEncoded(percentDecoded(parts[1]), keepingSlash: false) : ""
            pairs.append((key, value))
        }

        pairs.sort { left, right in
            if left.key != right.key {
                return left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
            }
            return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
        }
        return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    /// Header names lowercased and sorted, with each name's values trimmed, inner whitespace
    /// runs folded to one space, and repeated headers joined by commas in their order.
    static func headers(
        _ headers: [(name: String, value: String)]
    ) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(trimmedAll(header.value))
        }

        return order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            (name, values[name, default: []].joined(separator: ","))
        }
    }

    /// The value without leading or trailing whitespace, each inner run folded to one space.
    static func trimmedAll(_ value: String) -> String {
        var output: [UInt8] = []
        var pendingSpace = false
        for byte in value.utf8 {
            if isWhitespace(byte) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B
            || byte == 0x0C
    }

    /// The bytes, each outside `A-Z a-z 0-9 - . _ ~` (and `/` when kept) as `%XY`.
    static func percentEncoded(_ bytes: some Sequence<UInt8>, keepingSlash: Bool) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` with every valid `%XY` escape replaced by its byte; anything else is kept as is.
    static func percentDecoded(_ text: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(text)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
