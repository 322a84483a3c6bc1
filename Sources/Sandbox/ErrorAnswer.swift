import JSON

/// An AWS error as a rest-json service answers it.
struct ErrorAnswer: Error, Sendable {
    /// The HTTP status.
    var status: Int
    /// The error code, sent in `x-amzn-ErrorType`.
    var code: String
    /// The message.
    var message: String
    /// Extra members of the error shape (`ErrorCode` of Detective's `ValidationException`).
    var extra: [String: JSONValue] = [:]

    /// The response for `service`: Detective writes `message`, Security Hub `Message` and `Code`.
    func response(for service: ServiceName) -> ServerResponse {
        var body = extra
        switch service {
        case .detective:
            body["message"] = .string(message)
        case .securityHub:
            body["Message"] = .string(message)
            body["Code"] = .string(code)
        }
        return .json(
            status: status, .object(body),
            headers: [ServerHeader("x-amzn-ErrorType", code)])
    }

    /// `ValidationException` (Detective) or `InvalidInputException` (Security Hub).
    static func invalid(_ service: ServiceName, _ message: String, reason: String? = nil)
        -> ErrorAnswer
    {
        switch service {
        case .detective:
            var extra: [String: JSONValue] = ["ErrorCode": "INVALID_REQUEST_BODY"]
            if let reason { extra["ErrorCodeReason"] = .string(reason) }
            return ErrorAnswer(
                status: 400, code: "ValidationException", message: message, extra: extra)
        case .securityHub:
            return ErrorAnswer(status: 400, code: "InvalidInputException", message: message)
        }
    }

    /// `ResourceNotFoundException`.
    static func notFound(_ message: String) -> ErrorAnswer {
        ErrorAnswer(status: 404, code: "ResourceNotFoundException", message: message)
    }
}

/// The AWS services the sandbox stands in for, by signing name.
public enum ServiceName: String, Sendable, CaseIterable {
    case detective
    case securityHub = "securityhub"
}
