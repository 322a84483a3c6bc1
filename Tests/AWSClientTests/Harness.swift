import AWSClient
import HTTP
import JSON
import Logging
import Sandbox
import Synchronization

/// The credentials every test signs with; the secret and token must never reach a log line.
enum TestSecrets {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let sessionToken = "IQoJb3JpZ2luX2VjEXAMPLETOKENvalue0123456789abcdefSESSIONtoken"
}

/// A loopback server answering from a script, the real client pointed at it, and what both saw.
final class Harness: Sendable {
    let server: LoopbackHTTPServer
    let client: AWSClient
    let sink: CapturingSink
    private let seenRequests: Recorder<ServerRequest>
    private let recordedWaits: Recorder<Duration>

    /// - Parameters:
    ///   - environment: variables added to (or replacing) the test defaults.
    ///   - random: the backoff's random factor.
    ///   - realSleep: true to wait for real; otherwise waits are recorded and skipped.
    ///   - level: the lowest log level captured.
    ///   - attemptTimeout: the client's limit for one attempt.
    ///   - answer: the answer to request number `n` (0 first).
    init(
        environment: [String: String] = [:], random: Double = 0, realSleep: Bool = false,
        level: LogLevel = .debug, attemptTimeout: Duration = .seconds(10),
        answer: @escaping @Sendable (Int, ServerRequest) -> ServerResponse
    ) throws {
        let seen = Recorder<ServerRequest>()
        seenRequests = seen
        let server = try LoopbackHTTPServer(port: 0) { request in
            answer(seen.append(request), request)
        }
        self.server = server

        var variables = [
            "AWS_ACCESS_KEY_ID": TestSecrets.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": TestSecrets.secretAccessKey,
            "AWS_SESSION_TOKEN": TestSecrets.sessionToken,
            "AWS_REGION": "eu-west-2",
            "AWS_ENDPOINT_URL": server.baseURL,
        ]
        variables.merge(environment) { _, new in new }
        let configuration = try AWSConfiguration.fromEnvironment(variables)

        let sink = CapturingSink()
        self.sink = sink
        let logger = Logger(level: level, sink: sink)
        let waitsTaken = Recorder<Duration>()
        recordedWaits = waitsTaken
        let sleep: AWSClient.Sleep
        if realSleep {
            sleep = { duration in try await Task.sleep(for: duration) }
        } else {
            sleep = { duration in _ = waitsTaken.append(duration) }
        }
        client = AWSClient(
            configuration: configuration, httpClient: HTTPClient(logger: logger), logger: logger,
            attemptTimeout: attemptTimeout, random: { random }, sleep: sleep)
    }

    deinit {
        server.shutdown()
    }

    /// Every request the server received, oldest first.
    var requests: [ServerRequest] { seenRequests.all }

    /// Every wait the client asked for, when waits are recorded.
    var waits: [Duration] { recordedWaits.all }

    /// Performs `call`, returning its error instead of throwing it.
    func failure(
        of call: AWSCall = .listGraphs, deadline: ContinuousClock.Instant? = nil
    ) async -> AWSError? {
        do {
            _ = try await client.perform(call, deadline: deadline)
            return nil
        } catch {
            return error
        }
    }
}

extension AWSCall {
    /// Detective's `ListGraphs`, a POST with a small JSON body.
    static let listGraphs = AWSCall(
        service: .detective, region: "eu-west-2", operation: "ListGraphs", method: "POST",
        path: "/graphs/list", body: ["MaxResults": 10])
}

extension ServerResponse {
    /// An AWS rest-json error answer with its code in the body.
    static func awsError(_ status: Int, _ code: String, _ message: String = "m") -> ServerResponse {
        .json(status: status, ["__type": .string(code), "message": .string(message)])
    }
}

/// A list that threads append to.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    /// Appends `element` and returns its index.
    func append(_ element: Element) -> Int {
        storage.withLock { elements in
            elements.append(element)
            return elements.count - 1
        }
    }

    var all: [Element] { storage.withLock { $0 } }
}
