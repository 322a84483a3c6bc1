/// An error a handler throws to report a specific Lambda `errorType`.
public protocol LambdaReportableError: Error {
    /// The `errorType` reported to Lambda (`InvalidEvent`).
    var errorType: String { get }
    /// The `errorMessage` reported to Lambda.
    var errorMessage: String { get }
}

/// A handler failure with an explicit error type and message.
public struct LambdaHandlerError: LambdaReportableError, Sendable, CustomStringConvertible {
    public var errorType: String
    public var errorMessage: String

    /// Creates an error reported as `type` with `message`.
    public init(type: String, message: String) {
        self.errorType = type
        self.errorMessage = message
    }

    public var description: String { "\(errorType): \(errorMessage)" }
}

/// Handles one invocation: the raw event bytes in, the raw result bytes out.
public protocol LambdaHandler: Sendable {
    /// Handles `event`; a thrown ``LambdaReportableError`` names the reported `errorType`.
    func handle(event: [UInt8], context: LambdaContext) async throws -> [UInt8]
}

/// A ``LambdaHandler`` made from a closure.
public struct ClosureHandler: LambdaHandler {
    private let body: @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]

    /// Wraps `body` as a handler.
    public init(_ body: @escaping @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]) {
        self.body = body
    }

    public func handle(event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        try await body(event, context)
    }
}
