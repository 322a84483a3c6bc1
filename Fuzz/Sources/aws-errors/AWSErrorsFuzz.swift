import AWSClient

/// Decodes one AWS error answer the way `AWSClient` does for a non-2xx status.
///
/// The input reads like an HTTP answer: the status on the first line, header lines up to an
/// empty line, then the body. Only `x-amzn-ErrorType` (any case, first one wins) is used.
func fuzzAWSErrors(_ bytes: [UInt8]) {
    let answer = ErrorAnswer(bytes)

    let decoded = ErrorResponse(
        status: answer.status, errorTypeHeader: answer.errorType, body: answer.body)
    let error = AWSError(
        code: .serviceError, service: .detective, operation: "StartInvestigation",
        status: answer.status, awsCode: decoded.code, message: decoded.message,
        isRetryable: RetryPolicy.isRetryable(status: answer.status, awsCode: decoded.code))

    // What the client promises about every decoded answer, whatever the bytes.
    if let code = decoded.code {
        precondition(!code.isEmpty, "an AWS code is never empty")
        precondition(!code.contains(":") && !code.contains("#"), "an AWS code is trimmed")
    }
    precondition(!decoded.message.isEmpty, "an error always has a message")
    precondition(error.description.contains(decoded.message))
}

/// The parts of the fuzz input, split as an HTTP/1.1 answer would be.
struct ErrorAnswer {
    var status = 0
    var errorType: String?
    var body: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .makeIterator()
        guard let statusLine = lines.next() else { return }
        status = Int(String(decoding: statusLine, as: UTF8.self)) ?? 0

        var consumed = statusLine.count + 1
        while let line = lines.next() {
            consumed += line.count + 1
            if line.isEmpty { break }
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let name = text[..<colon]
            guard errorType == nil, name.lowercased() == "x-amzn-errortype" else { continue }
            errorType = String(text[text.index(after: colon)...].drop { $0 == " " })
        }
        body = consumed < bytes.count ? Array(bytes[consumed...]) : []
    }
}
