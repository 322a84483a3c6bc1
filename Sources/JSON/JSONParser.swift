/// A strict RFC 8259 recursive-descent parser from UTF-8 bytes straight into `JSONValue`.
///
/// Replaces `JSONDecoder` for `JSONValue`: a `Decodable` enum has to guess its case and
/// pays for a thrown error at every wrong guess, which dominated the handler's CPU time.
struct JSONParser {
    /// Deep enough for any AWS payload, shallow enough that recursion cannot exhaust a stack.
    static let maximumDepth = 512

    let bytes: [UInt8]
    var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The one document in the bytes; anything but whitespace after it is an error.
    mutating func document() throws(JSONParseError) -> JSONValue {
        // RFC 8259 lets a parser ignore a UTF-8 byte order mark; JSONDecoder does, so we do too.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let value = try value()
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingText, at: index) }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw JSONParseError(.unexpectedByte, at: index)
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if try consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }

        while true {
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONParseError(.unexpectedByte, at: index)
            }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            // RFC 8259 leaves duplicate names open; like JSONDecoder, the last one wins.
            members[key] = try value()

            skipWhitespace()
            if try consume(UInt8(ascii: "}")) { break }
            try expect(UInt8(ascii: ","))
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if try consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }

        while true {
            elements.append(try value())
            skipWhitespace()
            if try consume(UInt8(ascii: "]")) { break }
            try expect(UInt8(ascii: ","))
        }
        depth -= 1
        return .array(elements)
    }

    /// Steps over the opening bracket, refusing to nest past ``maximumDepth``.
    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < Self.maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
        depth += 1
        index += 1
    }

    private mutating func literal(
        _ text: StaticString, _ result: JSONValue
    ) throws(JSONParseError) -> JSONValue {
        let expected = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == expected[offset] else {
                throw JSONParseError(.unexpectedByte, at: index)
            }
            index += 1
        }
        return result
    }

    /// True and steps over `byte` when it is next; false when another byte is.
    private mutating func consume(_ byte: UInt8) throws(JSONParseError) -> Bool {
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        guard bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard try consume(byte) else { throw JSONParseError(.unexpectedByte, at: index) }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
