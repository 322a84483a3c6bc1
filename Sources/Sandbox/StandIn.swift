import JSON

/// A request that passed the front door: authenticated, routed and valid for its operation.
struct ServiceCall: Sendable {
    /// The operation called.
    var operation: Operation
    /// The parsed body, an object.
    var body: JSONValue
    /// The region of the signature's credential scope.
    var region: String
    /// An injected `unprocessed` fault: answer every finding with this error code.
    var unprocessedErrorCode: String?
    /// With `unprocessedErrorCode`: only the request's first finding is answered so.
    var unprocessedFirstOnly = false
}

/// What a stand-in service does with valid requests.
protocol StandIn: Sendable {
    /// The service this stands in for.
    var service: ServiceName { get }
    /// The operations served.
    var operations: [Operation] { get }
    /// The regions whose credential scope is accepted.
    var regions: Set<String> { get }
    /// The output of `call`, or the AWS error it ends in.
    func perform(_ call: ServiceCall) throws(ErrorAnswer) -> JSONValue
}
