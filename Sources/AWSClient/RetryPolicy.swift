/// The AWS SDKs' standard retry mode: which failures are tried again, and how long to wait.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (`AWS_MAX_ATTEMPTS`).
    public var maxAttempts: Int

    /// Longest wait before a retry, in seconds.
    public static let maximumBackoffSeconds = 20.0

    /// Error codes botocore's standard mode treats as throttling (`retries/standard.py`).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Error codes of transient failures. `InternalError` is not in botocore's list, but the
    /// services answer it with a 500, which standard mode retries anyway.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError",
    ]

    /// HTTP statuses of transient failures.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// - Parameter maxAttempts: attempts in all; values below 1 count as 1.
    public init(maxAttempts: Int = 3) {
        self.maxAttempts = max(1, maxAttempts)
    }

    /// True when an answer with this status and AWS error code is throttling.
    public static func isThrottling(status: Int?, awsCode: String?) -> Bool {
        if status == 429 { return true }
        guard let awsCode else { return false }
        return throttlingCodes.contains(awsCode)
    }

    /// True when standard mode retries an answer with this status and AWS error code.
    public static func isRetryable(status: Int?, awsCode: String?) -> Bool {
        if isThrottling(status: status, awsCode: awsCode) { return true }
        if let status, transientStatuses.contains(status) { return true }
        guard let awsCode else { return false }
        return transientCodes.contains(awsCode)
    }

    /// The wait before retry `retry` (1 for the second attempt, 2 for the third, ...):
    /// `random * min(2^(retry-1), 20)` seconds, `random` being uniform in [0, 1].
    public static func backoff(beforeRetry retry: Int, random: Double) -> Duration {
        let exponent = min(max(retry, 1) - 1, 30)
        let ceiling = min(Double(1 << exponent), maximumBackoffSeconds)
        let factor = min(max(random, 0), 1)
        return .milliseconds(Int64((factor * ceiling * 1000).rounded()))
    }
}
