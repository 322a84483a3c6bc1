#if canImport(Glibc)
    import Glibc
#endif

/// An invocation queued in the emulator, with the headers `GET next` will carry.
public struct EmulatedInvocation: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`.
    public var requestID: String
    /// The event body.
    public var event: [UInt8]
    /// `Lambda-Runtime-Deadline-Ms`, in ms since the Unix epoch.
    public var deadlineEpochMilliseconds: Int64
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    public var functionARN: String
    /// `Lambda-Runtime-Trace-Id`, sent when set.
    public var traceID: String?
    /// `Lambda-Runtime-Client-Context`, sent when set.
    public var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`, sent when set.
    public var cognitoIdentity: String?

    /// The ARN used when a test does not choose one.
    public static let defaultFunctionARN =
        "arn:aws:lambda:us-east-1:123456789012:function:InvestigateWithDetective"

    /// - Parameters:
    ///   - event: the event body.
    ///   - requestID: the request ID; a fresh random one by default.
    ///   - deadlineEpochMilliseconds: the deadline; 60 s from now by default.
    ///   - functionARN: the invoked ARN.
    ///   - traceID: the X-Ray header, if any.
    ///   - clientContext: the mobile client context, if any.
    ///   - cognitoIdentity: the Cognito identity, if any.
    public init(
        event: [UInt8], requestID: String? = nil, deadlineEpochMilliseconds: Int64? = nil,
        functionARN: String = EmulatedInvocation.defaultFunctionARN, traceID: String? = nil,
        clientContext: String? = nil, cognitoIdentity: String? = nil
    ) {
        self.event = event
        self.requestID = requestID ?? Self.randomRequestID()
        self.deadlineEpochMilliseconds =
            deadlineEpochMilliseconds ?? Self.epochMillisecondsNow() + 60_000
        self.functionARN = functionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
    }

    /// The invocation of a UTF-8 event text.
    public init(event: String, requestID: String? = nil) {
        self.init(event: Array(event.utf8), requestID: requestID)
    }

    /// Now, in ms since the Unix epoch.
    public static func epochMillisecondsNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// A random ID shaped like Lambda's (a version-4 UUID).
    public static func randomRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        var text = ""
        for index in 0..<32 {
            if [8, 12, 16, 20].contains(index) { text.append("-") }
            var digit = Int(generator.next() % 16)
            if index == 12 { digit = 4 }
            if index == 16 { digit = 8 + digit % 4 }
            text.append(hex[digit])
        }
        return text
    }
}
