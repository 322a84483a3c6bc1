import AWSSigning
import FoundationEssentials
import HTTP
import JSON
import Logging

/// Performs rest-json calls to Detective and Security Hub: signs, sends, retries, decodes.
public struct AWSClient: AWSCaller {
    /// Waits for a duration; throws when the task is cancelled.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    /// The longest a connection may take to open.
    public static let connectTimeout: Duration = .seconds(10)

    /// Credentials, attempts and endpoints the client was made with.
    public let configuration: AWSConfiguration
    private let httpClient: HTTPClient
    private let logger: Logger
    private let attemptTimeout: Duration
    private let random: @Sendable () -> Double
    private let sleep: Sleep
    private let signingDate: @Sendable () -> Date

    /// - Parameters:
    ///   - configuration: credentials, attempts and endpoint overrides.
    ///   - httpClient: sends the requests.
    ///   - logger: receives a DEBUG line per attempt and a WARN line per retry.
    ///   - attemptTimeout: the longest one attempt may take when the deadline is further.
    ///   - random: a uniform value in [0, 1] for each backoff; injectable for tests.
    ///   - sleep: waits before a retry; injectable for tests.
    ///   - signingDate: the time requests are signed at; injectable for tests.
    public init(
        configuration: AWSConfiguration, httpClient: HTTPClient, logger: Logger,
        attemptTimeout: Duration = .seconds(60),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        sleep: @escaping Sleep = { duration in try await Task.sleep(for: duration) },
        signingDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.attemptTimeout = attemptTimeout
        self.random = random
        self.sleep = sleep
        self.signingDate = signingDate
    }

    /// Performs `call` with the standard retry mode, never waiting past `deadline`.
    public func perform(
        _ call: AWSCall, deadline: ContinuousClock.Instant?
    ) async throws(AWSError) -> JSONValue {
        let endpoint = try resolveEndpoint(for: call)
        let maxAttempts = configuration.retryPolicy.maxAttempts
        var attempt = 1
        while true {
            let failure: AWSError
            switch await performAttempt(call, endpoint: endpoint, attempt: attempt, deadline) {
            case .success(let value): return value
            case .failure(let error): failure = error
            }

            guard failure.isRetryable, attempt < maxAttempts else { throw failure }
            let wait = RetryPolicy.backoff(beforeRetry: attempt, random: random())
            if let deadline, ContinuousClock.now.advanced(by: wait) >= deadline {
                logger.debug(
                    "Not retrying AWS call: the wait would pass the deadline",
                    fields(call, ["attempt": "\(attempt)", "waitMs": "\(wait.milliseconds)"]))
                throw failure
            }

            logger.warn(
                "Retrying AWS call",
                fields(
                    call,
                    [
                        "attempt": "\(attempt + 1)", "maxAttempts": "\(maxAttempts)",
                        "code": failure.awsCode ?? failure.status.map { "HTTP \($0)" }
                            ?? failure.code.rawValue,
                        "waitMs": "\(wait.milliseconds)",
                    ]))
            do {
                try await sleep(wait)
            } catch {
                throw failure
            }
            attempt += 1
        }
    }

    private func resolveEndpoint(for call: AWSCall) throws(AWSError) -> AWSEndpoint {
        // The region lands in the signature's scope and maybe a host name: check it first.
        guard Partition.isValidRegionName(call.region),
            let endpoint = configuration.endpoint(for: call.service, region: call.region)
        else {
            throw AWSError(
                code: .configuration, service: call.service, operation: call.operation,
                message: "\"\(call.region)\" is not a region of a supported partition")
        }
        return endpoint
    }

    private func performAttempt(
        _ call: AWSCall, endpoint: AWSEndpoint, attempt: Int, _ deadline: ContinuousClock.Instant?
    ) async -> Result<JSONValue, AWSError> {
        var timeout = attemptTimeout
        var cappedByDeadline = false
        if let deadline {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                return .failure(
                    AWSError(
                        code: .timeout, service: call.service, operation: call.operation,
                        message: "the call's deadline passed before attempt \(attempt)"))
            }
            if remaining < timeout {
                timeout = remaining
                cappedByDeadline = true
            }
        }

        let request = signedRequest(for: call, endpoint: endpoint, timeout: timeout)
        logger.trace(
            "Sending AWS request",
            fields(
                call,
                ["method": call.method, "url": request.url, "bodyBytes": "\(request.body.count)"]))

        let start = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await httpClient.send(request)
        } catch {
            let elapsed = start.duration(to: .now)
            logger.debug(
                "AWS call got no answer",
                fields(
                    call,
                    [
                        "attempt": "\(attempt)", "error": "\(error.code)",
                        "durationMs": "\(elapsed.milliseconds)",
                    ]))
            return .failure(transportFailure(error, call: call, cappedByDeadline: cappedByDeadline))
        }
        let elapsed = start.duration(to: .now)

        var lineFields = [
            "attempt": "\(attempt)", "status": "\(response.status)",
            "durationMs": "\(elapsed.milliseconds)",
        ]
        guard (200..<300).contains(response.status) else {
            let decoded = ErrorResponse(
                status: response.status, errorTypeHeader: response.header("x-amzn-ErrorType"),
                body: response.body)
            lineFields["awsCode"] = decoded.code ?? ""
            logger.debug("AWS call failed", fields(call, lineFields))
            return .failure(
                AWSError(
                    code: .serviceError, service: call.service, operation: call.operation,
                    status: response.status, awsCode: decoded.code, message: decoded.message,
                    isRetryable: RetryPolicy.isRetryable(
                        status: response.status, awsCode: decoded.code)))
        }
        logger.debug("AWS call", fields(call, lineFields))
        return decodeBody(response, call: call)
    }

    private func signedRequest(
        for call: AWSCall, endpoint: AWSEndpoint, timeout: Duration
    ) -> HTTPRequest {
        let wirePath = endpoint.wirePath(for: call.path)
        let pathPart = wirePath.prefix { $0 != "?" }
        let query = String(wirePath.dropFirst(pathPart.count + 1))
        let body = call.body?.encoded() ?? []

        var headers: [(name: String, value: String)] = [("Host", endpoint.hostHeader)]
        if call.body != nil {
            headers.append(("Content-Type", "application/json"))
        }
        let signer = SigV4Signer(
            credentials: configuration.credentials, region: call.region,
            service: call.service.signingName)
        let unsigned = SigningRequest(
            method: call.method, path: String(pathPart), query: query, headers: headers,
            body: body)
        headers += signer.signingHeaders(for: unsigned, date: signingDate())

        return HTTPRequest(
            method: call.method, url: endpoint.url(for: call.path),
            headers: headers.map { HTTPHeader(name: $0.name, value: $0.value) }, body: body,
            timeout: timeout, connectTimeout: min(Self.connectTimeout, timeout))
    }

    private func decodeBody(
        _ response: HTTPResponse, call: AWSCall
    ) -> Result<JSONValue, AWSError> {
        guard !response.body.isEmpty else { return .success(.object([:])) }
        do {
            return .success(try JSONValue(parsing: response.body))
        } catch {
            return .failure(
                AWSError(
                    code: .invalidResponse, service: call.service, operation: call.operation,
                    status: response.status,
                    message: "the answer is not JSON (\(response.body.count) bytes)"))
        }
    }

    private func transportFailure(
        _ error: HTTPClientError, call: AWSCall, cappedByDeadline: Bool
    ) -> AWSError {
        // A timeout is transient, unless the caller's deadline cut it short: no retry can
        // answer before that deadline.
        if error.code == .timeout {
            let message =
                cappedByDeadline
                ? "no answer before the call's deadline" : "no answer within \(attemptTimeout)"
            return AWSError(
                code: .timeout, service: call.service, operation: call.operation,
                message: message, isRetryable: !cappedByDeadline)
        }
        return AWSError(
            code: .transportError, service: call.service, operation: call.operation,
            message: "\(error)", isRetryable: error.isTransient)
    }

    private func fields(_ call: AWSCall, _ extra: [String: String]) -> [String: String] {
        var all = [
            "service": call.service.rawValue, "operation": call.operation, "region": call.region,
        ]
        all.merge(extra) { _, new in new }
        return all
    }
}

extension Duration {
    /// Whole milliseconds, for log fields.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
