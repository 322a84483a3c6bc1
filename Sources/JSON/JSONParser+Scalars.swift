extension JSONParser {
    /// The string starting at the opening quote under `index`; leaves `index` past the close.
    mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index

        // Most strings hold no escape: validate their bytes in place, copying nothing.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try Self.text(bytes[start..<index], at: start)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw JSONParseError(.controlCharacter, at: index) }
            index += 1
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    private mutating func escapedString(from start: Int) throws(JSONParseError) -> String {
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try Self.text(decoded[...], at: start)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &decoded)
            case 0x00..<0x20:
                throw JSONParseError(.controlCharacter, at: index)
            default:
                decoded.append(byte)
                index += 1
            }
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    /// Decodes the escape whose backslash is under `index` and steps past it.
    private mutating func appendEscape(to decoded: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try unicodeEscape(escapeStart: escapeStart)
            if let encoded = Unicode.UTF8.encode(scalar) { decoded.append(contentsOf: encoded) }
        default:
            throw JSONParseError(.invalidEscape, at: escapeStart)
        }
    }

    /// The scalar of a `\uXXXX` escape (its `u` already read), joining a surrogate pair.
    private mutating func unicodeEscape(
        escapeStart: Int
    ) throws(JSONParseError) -> Unicode.Scalar {
        let first = try hexQuad()
        switch first {
        case 0xD800...0xDBFF:
            // A high surrogate means nothing alone: a `\u` low surrogate must follow at once.
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            else { throw JSONParseError(.loneSurrogate, at: escapeStart) }
            index += 2
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONParseError(.loneSurrogate, at: escapeStart)
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else {
                throw JSONParseError(.loneSurrogate, at: escapeStart)
            }
            return scalar
        case 0xDC00...0xDFFF:
            throw JSONParseError(.loneSurrogate, at: escapeStart)
        default:
            guard let scalar = Unicode.Scalar(first) else {
                throw JSONParseError(.loneSurrogate, at: escapeStart)
            }
            return scalar
        }
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw JSONParseError(.unexpectedEnd, at: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private static func text(
        _ utf8: ArraySlice<UInt8>, at offset: Int
    ) throws(JSONParseError) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw JSONParseError(.invalidUTF8, at: offset)
        }
        return text
    }

    /// The number under `index`, checked against the RFC 8259 grammar before conversion.
    mutating func number() throws(JSONParseError) -> Double {
        let start = index
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        guard index < bytes.count else { throw JSONParseError(.invalidNumber, at: start) }
        var integer: UInt64 = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            digits = 1
            if index < bytes.count, Self.digit(bytes[index]) != nil {
                throw JSONParseError(.invalidNumber, at: start)
            }
        } else {
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                integer = integer &* 10 &+ UInt64(digit)
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw JSONParseError(.invalidNumber, at: start) }
        }

        var isIntegral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isIntegral = false
            index += 1
            try skipDigits(numberStart: start)
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isIntegral = false
            index += 1
            if index < bytes.count,
                bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
            {
                index += 1
            }
            try skipDigits(numberStart: start)
        }

        // Up to 15 digits the integer is below 2^53, so the Double holds it exactly.
        if isIntegral, digits <= 15 {
            let value = Double(integer)
            return isNegative ? -value : value
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(.numberOutOfRange, at: start)
        }
        return value
    }

    /// Steps over one or more digits; a number may not end at a `.`, `e` or sign.
    private mutating func skipDigits(numberStart: Int) throws(JSONParseError) {
        let first = index
        while index < bytes.count, Self.digit(bytes[index]) != nil { index += 1 }
        guard index > first else { throw JSONParseError(.invalidNumber, at: numberStart) }
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }
}
