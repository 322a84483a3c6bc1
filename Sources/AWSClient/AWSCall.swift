import JSON

/// The AWS services this function calls, with the names their endpoints and signatures use.
public enum AWSService: String, Sendable, CaseIterable {
    case detective
    case securityHub = "securityhub"

    /// The SigV4 signing name.
    public var signingName: String { rawValue }

    /// The suffix of `AWS_ENDPOINT_URL_<SERVICE>` that overrides this service's endpoint.
    public var environmentSuffix: String {
        switch self {
        case .detective: "DETECTIVE"
        case .securityHub: "SECURITYHUB"
        }
    }
}

/// One rest-json operation to perform: where it goes and what it sends.
public struct AWSCall: Sendable {
    /// The service called.
    public var service: AWSService
    /// The region whose endpoint answers, and that the request is signed for.
    public var region: String
    /// The operation name, for logs and errors (`StartInvestigation`).
    public var operation: String
    /// The HTTP method (`POST`, `PATCH`, `GET`).
    public var method: String
    /// The request path, already percent-encoded as it goes on the wire.
    public var path: String
    /// The JSON body, or nil for none.
    public var body: JSONValue?

    public init(
        service: AWSService, region: String, operation: String, method: String, path: String,
        body: JSONValue?
    ) {
        self.service = service
        self.region = region
        self.operation = operation
        self.method = method
        self.path = path
        self.body = body
    }
}

/// Something that performs AWS calls: the real client, or a fake in unit tests.
public protocol AWSCaller: Sendable {
    /// Performs `call` with retries, never waiting past `deadline`; returns the decoded JSON body
    /// (an empty object for an empty body) or throws ``AWSError``.
    func perform(_ call: AWSCall, deadline: ContinuousClock.Instant?) async throws -> JSONValue
}
