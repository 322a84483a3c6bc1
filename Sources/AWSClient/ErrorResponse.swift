import JSON

/// The code and message of a rest-json error answer, read the way botocore reads them.
public struct ErrorResponse: Sendable, Equatable {
    /// The AWS error code, trimmed (`ValidationException`), or nil when the answer names none.
    public var code: String?
    /// The service's message, or a short text naming the HTTP status when it gave none.
    public var message: String

    /// Decodes an error answer.
    ///
    /// The code comes from the `x-amzn-ErrorType` header, else the body's `code`, `Code` or
    /// `__type`; anything from the first `:` on and anything up to the last `#` is dropped
    /// (`aws.protocoltests#ThrottlingException:http://...` → `ThrottlingException`).
    /// The message comes from the body's `message` or `Message`.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - errorTypeHeader: the value of `x-amzn-ErrorType`, if the answer had one.
    ///   - body: the answer's body, JSON or not.
    public init(status: Int, errorTypeHeader: String?, body: [UInt8]) {
        let document = (try? JSONValue(parsing: body))?.objectValue ?? [:]
        let rawCode =
            errorTypeHeader
            ?? document["code"]?.stringValue
            ?? document["Code"]?.stringValue
            ?? document["__type"]?.stringValue
        code = rawCode.flatMap(Self.trimmed)

        let bodyMessage = document["message"]?.stringValue ?? document["Message"]?.stringValue
        if let bodyMessage, !bodyMessage.isEmpty {
            message = bodyMessage
        } else {
            message = "the service answered HTTP \(status) without a message"
        }
    }

    /// The bare code from one of its decorated forms, or nil when nothing is left.
    static func trimmed(_ rawCode: String) -> String? {
        var code = Substring(rawCode)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        let result = code.trimmingSpaces()
        return result.isEmpty ? nil : result
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(
            drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
                .reversed())
    }
}
