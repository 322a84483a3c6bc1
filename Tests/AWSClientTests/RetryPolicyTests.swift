import Testing

@testable import AWSClient

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test(
        "throttling codes and 429 are retried",
        arguments: [
            "Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        ])
    func throttling(code: String) {
        #expect(RetryPolicy.isThrottling(status: 400, awsCode: code))
        #expect(RetryPolicy.isRetryable(status: 400, awsCode: code))
    }

    @Test("a 429 without a code is throttling")
    func status429() {
        #expect(RetryPolicy.isThrottling(status: 429, awsCode: nil))
        #expect(RetryPolicy.isRetryable(status: 429, awsCode: "SomethingElse"))
    }

    @Test("5xx statuses and timeout codes are transient", arguments: [500, 502, 503, 504])
    func transientStatuses(status: Int) {
        #expect(RetryPolicy.isRetryable(status: status, awsCode: nil))
        #expect(!RetryPolicy.isThrottling(status: status, awsCode: nil))
    }

    @Test(
        "transient codes are retried whatever the status",
        arguments: ["RequestTimeout", "RequestTimeoutException", "InternalError"])
    func transientCodes(code: String) {
        #expect(RetryPolicy.isRetryable(status: 400, awsCode: code))
    }

    @Test(
        "client errors are final",
        arguments: [
            (400, "ValidationException"), (403, "AccessDeniedException"),
            (404, "ResourceNotFoundException"), (501, nil), (409, "ConflictException"),
        ] as [(Int, String?)])
    func finalErrors(status: Int, code: String?) {
        #expect(!RetryPolicy.isRetryable(status: status, awsCode: code))
    }

    @Test("with random 1 the waits double from 1 s and stop at 20 s")
    func backoffCeiling() {
        let waits = (1...8).map { RetryPolicy.backoff(beforeRetry: $0, random: 1.0) }
        #expect(waits == [1, 2, 4, 8, 16, 20, 20, 20].map { Duration.seconds($0) })
        #expect(RetryPolicy.backoff(beforeRetry: 100, random: 1.0) == .seconds(20))
    }

    @Test("with random 0 there is no wait, and random scales the wait")
    func backoffScaling() {
        #expect(RetryPolicy.backoff(beforeRetry: 1, random: 0) == .zero)
        #expect(RetryPolicy.backoff(beforeRetry: 5, random: 0) == .zero)
        #expect(RetryPolicy.backoff(beforeRetry: 3, random: 0.5) == .seconds(2))
    }

    @Test("attempts are at least one")
    func attempts() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy().maxAttempts == 3)
    }
}
