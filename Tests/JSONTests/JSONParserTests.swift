import JSON
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONValue(parsing: bytes)
            return nil
        } catch {
            return error as? JSONParseError
        }
    }

    private func parseError(_ text: String) -> JSONParseError? {
        parseError(Array(text.utf8))
    }

    @Test("reads every scalar at the top level")
    func topLevelScalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("42") == .number(42))
        #expect(try parse(#""text""#) == .string("text"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
    }

    @Test("allows the four whitespace bytes around every token and nothing else")
    func whitespace() throws {
        let value = try parse(" \t\r\n{ \"a\" :\t[ 1 ,\n2 ] ,\r\"b\":null }\n ")

        #expect(value == ["a": [1, 2], "b": nil])
        #expect(parseError("\u{0B}1")?.code == .unexpectedByte)
        #expect(parseError("\u{A0}1")?.code == .unexpectedByte)
    }

    @Test("skips a leading UTF-8 byte order mark, as RFC 8259 allows, but no other")
    func byteOrderMark() throws {
        #expect(try JSONValue(parsing: [0xEF, 0xBB, 0xBF, 0x5B, 0x5D]) == [])
        #expect(parseError([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x5B, 0x5D]) != nil)
        #expect(parseError([0x20, 0xEF, 0xBB, 0xBF, 0x5B, 0x5D]) != nil)
    }

    @Test("rejects trailing text, a second document or a trailing comma")
    func trailingText() {
        #expect(parseError("{} x")?.code == .trailingText)
        #expect(parseError("1 2")?.code == .trailingText)
        #expect(parseError("[1,]")?.code == .unexpectedByte)
        #expect(parseError(#"{"a":1,}"#)?.code == .unexpectedByte)
        #expect(parseError("nul")?.code == .unexpectedEnd)
        #expect(parseError("nulL")?.code == .unexpectedByte)
        #expect(parseError("truex")?.code == .trailingText)
    }

    @Test(
        "rejects input that ends inside a value",
        arguments: [
            "", " ", "[", "[1", "[1,", "{", #"{"a""#, #"{"a":"#, #"{"a":1"#, #""abc"#, #""\"#,
            #""\u12"#, "-", "tru",
        ])
    func unterminated(text: String) {
        #expect(
            parseError(text)?.code == .unexpectedEnd || parseError(text)?.code == .invalidNumber)
    }

    @Test("rejects unquoted names, single quotes and missing separators")
    func structure() {
        #expect(parseError("{a:1}")?.code == .unexpectedByte)
        #expect(parseError("{'a':1}")?.code == .unexpectedByte)
        #expect(parseError(#"{"a" 1}"#)?.code == .unexpectedByte)
        #expect(parseError("[1 2]")?.code == .unexpectedByte)
        #expect(parseError("]")?.code == .unexpectedByte)
        #expect(parseError("+1")?.code == .unexpectedByte)
    }

    @Test("keeps the last of duplicate member names")
    func duplicateNames() throws {
        #expect(try parse(#"{"a":1,"b":2,"a":3}"#) == ["a": 3, "b": 2])
    }

    @Test("reads integers, fractions and every exponent form")
    func numbers() throws {
        #expect(try parse("0") == .number(0))
        #expect(try parse("-0").numberValue?.sign == .minus)
        #expect(try parse("-12") == .number(-12))
        #expect(try parse("3.25") == .number(3.25))
        #expect(try parse("-0.5") == .number(-0.5))
        #expect(try parse("1e3") == .number(1000))
        #expect(try parse("1E3") == .number(1000))
        #expect(try parse("1e+3") == .number(1000))
        #expect(try parse("25e-2") == .number(0.25))
        #expect(try parse("0.1") == .number(0.1))
        #expect(try parse("1e-400") == .number(0))
    }

    @Test("holds integers exactly up to 2^53 and rounds longer ones as Double does")
    func bigNumbers() throws {
        #expect(try parse("9007199254740992") == .number(9_007_199_254_740_992))
        #expect(try parse("-9007199254740991") == .number(-9_007_199_254_740_991))
        #expect(try parse("123456789012345") == .number(123_456_789_012_345))
        #expect(try parse("12345678901234567890") == .number(12_345_678_901_234_567_890.0))
        #expect(try parse("1.7976931348623157e308") == .number(.greatestFiniteMagnitude))
        #expect(parseError("1e400")?.code == .numberOutOfRange)
        #expect(parseError("-1e400")?.code == .numberOutOfRange)
    }

    @Test(
        "rejects numbers outside the grammar",
        arguments: [
            "01", "-01", "00", "1.", ".5", "1.e3", "1e", "1e+", "-", "--1", "0x10", "1_000",
            "Infinity", "NaN", "-a",
        ])
    func invalidNumbers(text: String) {
        #expect(parseError(text) != nil)
        #expect(parseError("[\(text)]") != nil)
    }

    @Test("decodes every escape JSON defines")
    func escapes() throws {
        let value = try parse(#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u1234 \u0000""#)

        #expect(value == .string("\" \\ / \u{08} \u{0C} \n \r \t A é \u{1234} \u{0}"))
    }

    @Test("joins a surrogate pair into one scalar")
    func surrogatePairs() throws {
        #expect(try parse(#""\ud83d\ude42""#) == .string("🙂"))
        #expect(try parse(#""a\uD834\uDD1Eb""#) == .string("a𝄞b"))
    }

    @Test(
        "rejects lone or reversed surrogates, as JSONDecoder does",
        arguments: [
            #""\ud83d""#, #""\ud83d x""#, #""\ude42""#, #""\ude42\ud83d""#, #""\ud83d\u0041""#,
            #""\ud83d\n""#,
        ])
    func loneSurrogates(text: String) {
        #expect(parseError(text)?.code == .loneSurrogate)
    }

    @Test(
        "rejects unknown escapes and short or non-hex \\u escapes",
        arguments: [
            #""\x41""#, #""\a""#, #""\U0041""#, #""\u00G1""#, #""\u 041""#, #""\'""#,
        ])
    func invalidEscapes(text: String) {
        #expect(parseError(text)?.code == .invalidEscape)
    }

    @Test("rejects raw control characters in strings but allows DEL and non-ASCII")
    func controlCharacters() throws {
        for byte in UInt8(0)..<0x20 {
            #expect(parseError([0x22, byte, 0x22])?.code == .controlCharacter)
            #expect(parseError([0x22, 0x5C, 0x6E, byte, 0x22])?.code == .controlCharacter)
        }
        #expect(try parse("\"\u{7F}é🙂\"") == .string("\u{7F}é🙂"))
    }

    @Test("rejects bytes that are not UTF-8 inside strings, escaped or not")
    func invalidUTF8() {
        #expect(parseError([0x22, 0xFF, 0x22])?.code == .invalidUTF8)
        #expect(parseError([0x22, 0xC3, 0x22])?.code == .invalidUTF8)
        #expect(parseError([0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22])?.code == .invalidUTF8)
    }

    @Test("accepts nesting up to the limit and rejects one level more without crashing")
    func depthLimit() throws {
        let limit = 512
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        let tooDeep = "[" + deepest + "]"
        let hostile = String(repeating: "{\"a\":[", count: 100_000)

        #expect(try parse(deepest).arrayValue?.count == 1)
        #expect(parseError(tooDeep)?.code == .tooDeep)
        #expect(parseError(hostile)?.code == .tooDeep)
    }

    @Test("reports the byte offset where parsing stopped")
    func offsets() {
        #expect(parseError(#"{"a":tx}"#) == JSONParseError(.unexpectedByte, at: 6))
        #expect(parseError("[1, 2] ,") == JSONParseError(.trailingText, at: 7))
        #expect(parseError("[tru") == JSONParseError(.unexpectedEnd, at: 4))
    }

    @Test("reads any collection of bytes, not only arrays")
    func collections() throws {
        let bytes: [UInt8] = Array(#"xx{"k":[true]}"#.utf8)

        #expect(try JSONValue(parsing: bytes[2...]) == ["k": [true]])
        #expect(try JSONValue(parsing: #"{"k":"v"}"#.utf8) == ["k": "v"])
    }
}
