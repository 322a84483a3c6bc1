/// Why bytes are not one JSON document (RFC 8259), and where parsing stopped.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable kinds of malformed input.
    public enum Code: String, Sendable {
        /// The input ended inside a value, or held no value at all.
        case unexpectedEnd = "JSONUnexpectedEnd"
        /// A byte that no JSON value may hold at that place.
        case unexpectedByte = "JSONUnexpectedByte"
        /// Something other than whitespace follows the document.
        case trailingText = "JSONTrailingText"
        /// A number outside the RFC 8259 grammar (`01`, `1.`, `-`, `1e`).
        case invalidNumber = "JSONInvalidNumber"
        /// A number too large for a Double.
        case numberOutOfRange = "JSONNumberOutOfRange"
        /// A raw control character (below U+0020) inside a string.
        case controlCharacter = "JSONControlCharacter"
        /// A backslash escape JSON does not define, or a `\u` without four hex digits.
        case invalidEscape = "JSONInvalidEscape"
        /// A `\u` surrogate without its partner.
        case loneSurrogate = "JSONLoneSurrogate"
        /// A string whose bytes are not UTF-8.
        case invalidUTF8 = "JSONInvalidUTF8"
        /// Arrays and objects nested deeper than the parser allows.
        case tooDeep = "JSONTooDeep"
    }

    /// What was wrong.
    public var code: Code
    /// The byte offset where parsing stopped.
    public var offset: Int

    /// An error of kind `code` at byte `offset`.
    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(code.rawValue)" }
}
