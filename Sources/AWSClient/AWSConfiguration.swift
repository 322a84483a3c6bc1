import AWSSigning

/// Credentials, region, attempts and endpoint overrides, read from the standard AWS variables.
public struct AWSConfiguration: Sendable {
    /// The credentials every request is signed with.
    public var credentials: AWSCredentials
    /// The default region (`AWS_REGION`, else `AWS_DEFAULT_REGION`).
    public var region: String
    /// Attempts per call and which failures are retried.
    public var retryPolicy: RetryPolicy
    /// `AWS_ENDPOINT_URL`: the endpoint of every service without its own override.
    public var endpointOverride: AWSEndpoint?
    /// `AWS_ENDPOINT_URL_<SERVICE>`: per-service endpoints, which win over the global one.
    public var serviceEndpointOverrides: [AWSService: AWSEndpoint]

    /// - Parameters:
    ///   - credentials: signs every request.
    ///   - region: the default region; it must be a valid region name.
    ///   - maxAttempts: attempts per call, the first included.
    ///   - endpointOverride: the endpoint of every service without its own override.
    ///   - serviceEndpointOverrides: per-service endpoints.
    public init(
        credentials: AWSCredentials, region: String, maxAttempts: Int = 3,
        endpointOverride: AWSEndpoint? = nil,
        serviceEndpointOverrides: [AWSService: AWSEndpoint] = [:]
    ) {
        self.credentials = credentials
        self.region = region
        self.retryPolicy = RetryPolicy(maxAttempts: maxAttempts)
        self.endpointOverride = endpointOverride
        self.serviceEndpointOverrides = serviceEndpointOverrides
    }

    /// Reads the configuration from environment variables as the AWS SDKs name them.
    public static func fromEnvironment(
        _ environment: [String: String]
    ) throws(AWSConfigurationError) -> AWSConfiguration {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }

        guard let accessKeyID = value("AWS_ACCESS_KEY_ID") else {
            throw AWSConfigurationError(variable: "AWS_ACCESS_KEY_ID", reason: "is not set")
        }
        guard let secretAccessKey = value("AWS_SECRET_ACCESS_KEY") else {
            throw AWSConfigurationError(variable: "AWS_SECRET_ACCESS_KEY", reason: "is not set")
        }
        let credentials = AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: value("AWS_SESSION_TOKEN"))

        let regionVariable = value("AWS_REGION") != nil ? "AWS_REGION" : "AWS_DEFAULT_REGION"
        guard let region = value(regionVariable) else {
            throw AWSConfigurationError(
                variable: "AWS_REGION", reason: "is not set, nor is AWS_DEFAULT_REGION")
        }
        guard Partition(region: region) != nil else {
            throw AWSConfigurationError(
                variable: regionVariable, value: region,
                reason: "is not a region of the aws, aws-cn or aws-us-gov partition")
        }

        var maxAttempts = 3
        if let text = value("AWS_MAX_ATTEMPTS") {
            guard let parsed = Int(text), parsed >= 1 else {
                throw AWSConfigurationError(
                    variable: "AWS_MAX_ATTEMPTS", value: text, reason: "is not a positive integer")
            }
            maxAttempts = parsed
        }

        let endpointOverride = try endpoint(named: "AWS_ENDPOINT_URL", in: value)
        var serviceEndpointOverrides: [AWSService: AWSEndpoint] = [:]
        for service in AWSService.allCases {
            let name = "AWS_ENDPOINT_URL_\(service.environmentSuffix)"
            serviceEndpointOverrides[service] = try endpoint(named: name, in: value)
        }

        return AWSConfiguration(
            credentials: credentials, region: region, maxAttempts: maxAttempts,
            endpointOverride: endpointOverride, serviceEndpointOverrides: serviceEndpointOverrides)
    }

    /// The endpoint of `service` in `region`: its own override, else the global override,
    /// else the AWS endpoint. Nil when no override applies and `region` is not a served region.
    public func endpoint(for service: AWSService, region: String) -> AWSEndpoint? {
        serviceEndpointOverrides[service] ?? endpointOverride
            ?? AWSEndpoint.standard(for: service, region: region)
    }

    private static func endpoint(
        named name: String, in value: (String) -> String?
    ) throws(AWSConfigurationError) -> AWSEndpoint? {
        guard let text = value(name) else { return nil }
        guard let endpoint = AWSEndpoint(url: text) else {
            throw AWSConfigurationError(
                variable: name, value: text,
                reason: "is not an http or https URL with a host and no query")
        }
        return endpoint
    }
}

/// An environment variable that is missing or does not parse.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable code, used as the Lambda `errorType` of an init error.
    public static let code = "AWSConfigurationError"
    /// The variable at fault.
    public var variable: String
    /// Its value; nil when missing. Never set for a secret variable.
    public var value: String?
    /// What is wrong with it.
    public var reason: String

    public init(variable: String, value: String? = nil, reason: String) {
        self.variable = variable
        self.value = value
        self.reason = reason
    }

    public var description: String {
        guard let value else { return "\(variable) \(reason)" }
        return "\(variable)=\"\(value)\" \(reason)"
    }
}
