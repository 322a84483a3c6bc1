import JSON

/// An error as Lambda expects it in an error or init-error post.
public struct InvocationError: LambdaReportableError, Sendable, Equatable {
    /// The `errorType`, also sent as `Lambda-Runtime-Function-Error-Type`.
    public var errorType: String
    /// The `errorMessage`.
    public var errorMessage: String

    /// The `Content-Type` of the body.
    public static let contentType = "application/vnd.aws.lambda.error+json"

    /// Creates the error `errorType` with `errorMessage`.
    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// The report for whatever a handler threw: its own type when it names one.
    public init(from error: any Error) {
        if let reportable = error as? any LambdaReportableError {
            self.init(errorType: reportable.errorType, errorMessage: reportable.errorMessage)
        } else {
            self.init(errorType: "UnhandledError", errorMessage: String(describing: error))
        }
    }

    /// `{"errorMessage":…,"errorType":…,"stackTrace":[]}`, valid JSON whatever the message holds.
    public var body: [UInt8] {
        let document: JSONValue = [
            "errorMessage": .string(errorMessage),
            "errorType": .string(errorType),
            "stackTrace": [],
        ]
        return document.encoded()
    }
}
