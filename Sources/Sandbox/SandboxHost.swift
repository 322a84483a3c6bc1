import AWSSigning

/// The whole sandbox on loopback: the Runtime API, Detective and Security Hub, seeded from
/// one scenario, each on its own port.
public final class SandboxHost: Sendable {
    /// The scenario served.
    public let scenario: Scenario
    /// The Runtime API; queue events on its emulator and read the results.
    public let runtime: RuntimeAPIServer
    /// The Detective stand-in's state.
    public let detective: DetectiveStandIn
    /// The Security Hub stand-in's state.
    public let securityHub: SecurityHubStandIn
    /// Every request refused or questioned.
    public let violations: ViolationLog
    private let faults: FaultPlan
    /// The checks in front of Detective; tests call it without a socket.
    let detectiveDoor: FrontDoor
    /// The checks in front of Security Hub.
    let securityHubDoor: FrontDoor
    private let detectiveServer: LoopbackHTTPServer
    private let securityHubServer: LoopbackHTTPServer

    /// Starts every server on 127.0.0.1.
    /// - Parameters:
    ///   - scenario: the state to serve.
    ///   - port: the Runtime API's port, Detective's is the next, Security Hub's the one
    ///     after; 0 lets the system choose each.
    ///   - clock: the wall clock the stand-ins read.
    public init(scenario: Scenario, port: UInt16 = 0, clock: @escaping WallClock = systemWallClock)
        throws(ServerError)
    {
        self.scenario = scenario
        violations = ViolationLog()
        faults = FaultPlan(scenario.faults)
        detective = DetectiveStandIn(scenario: scenario, clock: clock)
        securityHub = SecurityHubStandIn(scenario: scenario, clock: clock)
        runtime = try RuntimeAPIServer(port: port)

        detectiveDoor = FrontDoor(
            standIn: detective, credentials: scenario.credentials, faults: faults,
            violations: violations)
        securityHubDoor = FrontDoor(
            standIn: securityHub, credentials: scenario.credentials, faults: faults,
            violations: violations)
        do {
            let door = detectiveDoor
            detectiveServer = try LoopbackHTTPServer(port: port == 0 ? 0 : port &+ 1) {
                door.handle($0)
            }
        } catch {
            runtime.shutdown()
            throw error
        }
        do {
            let door = securityHubDoor
            securityHubServer = try LoopbackHTTPServer(port: port == 0 ? 0 : port &+ 2) {
                door.handle($0)
            }
        } catch {
            runtime.shutdown()
            detectiveServer.shutdown()
            throw error
        }
    }

    /// `http://127.0.0.1:PORT` of Detective, for `AWS_ENDPOINT_URL_DETECTIVE`.
    public var detectiveEndpoint: String { detectiveServer.baseURL }

    /// `http://127.0.0.1:PORT` of Security Hub, for `AWS_ENDPOINT_URL_SECURITYHUB`.
    public var securityHubEndpoint: String { securityHubServer.baseURL }

    /// Every fault injected so far, one entry per request it hit.
    public var firedFaults: [Fault] { faults.firedFaults }

    /// The environment `bootstrap` runs with against this sandbox, secrets included.
    public var functionEnvironment: [String: String] {
        var environment = [
            "AWS_LAMBDA_RUNTIME_API": runtime.endpoint,
            "AWS_REGION": scenario.securityHubRegion,
            "AWS_DEFAULT_REGION": scenario.securityHubRegion,
            "AWS_ACCESS_KEY_ID": scenario.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": scenario.credentials.secretAccessKey,
            "AWS_ENDPOINT_URL_DETECTIVE": detectiveEndpoint,
            "AWS_ENDPOINT_URL_SECURITYHUB": securityHubEndpoint,
            "AWS_LAMBDA_FUNCTION_NAME": scenario.functionName,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        ]
        if let token = scenario.credentials.sessionToken {
            environment["AWS_SESSION_TOKEN"] = token
        }
        environment.merge(scenario.environment) { _, scenarioValue in scenarioValue }
        return environment
    }

    /// Stops every server; idempotent.
    public func shutdown() {
        runtime.shutdown()
        detectiveServer.shutdown()
        securityHubServer.shutdown()
    }
}
