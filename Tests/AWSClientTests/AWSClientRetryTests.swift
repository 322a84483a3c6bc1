import AWSClient
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("AWSClient retries")
struct AWSClientRetryTests {
    @Test("429 twice then success takes three attempts")
    func throttledThenSuccess() async throws {
        let harness = try Harness { index, _ in
            index < 2 ? .awsError(429, "TooManyRequestsException") : .json(["ok": true])
        }
        let answer = try await harness.client.perform(.listGraphs, deadline: nil)
        #expect(answer == ["ok": true])
        #expect(harness.requests.count == 3)
    }

    @Test("500 three times is three attempts, then the last error")
    func serverErrors() async throws {
        let harness = try Harness { _, _ in .awsError(500, "InternalFailure", "boom") }
        let error = try #require(await harness.failure())
        #expect(harness.requests.count == 3)
        #expect(error.status == 500)
        #expect(error.awsCode == "InternalFailure")
        #expect(error.isRetryable)
    }

    @Test("AWS_MAX_ATTEMPTS=5 allows five attempts")
    func maxAttempts() async throws {
        let harness = try Harness(environment: ["AWS_MAX_ATTEMPTS": "5"]) { _, _ in
            .awsError(400, "ThrottlingException")
        }
        _ = await harness.failure()
        #expect(harness.requests.count == 5)
    }

    @Test("a ValidationException is tried once")
    func notRetryable() async throws {
        let harness = try Harness { _, _ in .awsError(400, "ValidationException") }
        let error = try #require(await harness.failure())
        #expect(harness.requests.count == 1)
        #expect(!error.isRetryable)
        #expect(harness.waits.isEmpty)
    }

    @Test("a dropped connection is retried")
    func droppedConnection() async throws {
        let harness = try Harness { index, _ in
            index == 0 ? .dropConnection : .json(["ok": true])
        }
        let answer = try await harness.client.perform(.listGraphs, deadline: nil)
        #expect(answer == ["ok": true])
        #expect(harness.requests.count == 2)
        #expect(harness.waits == [.zero])
    }

    @Test("a connection refused every time is a transport error after all attempts")
    func refused() async throws {
        let harness = try Harness { _, _ in .json([:]) }
        let closed = try Harness(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1"]) { _, _ in
            .json([:])
        }
        let error = try #require(await closed.failure())
        #expect(error.code == .transportError)
        #expect(error.isRetryable)
        #expect(closed.waits.count == 2)
        #expect(harness.requests.isEmpty)
    }

    @Test("with random 1 the waits are 1, 2, 4, 8, 16, then 20 s; with 0 there are none")
    func backoffBounds() async throws {
        let full = try Harness(environment: ["AWS_MAX_ATTEMPTS": "8"], random: 1.0) { _, _ in
            .awsError(503, "ServiceUnavailable")
        }
        _ = await full.failure()
        #expect(full.waits == [1, 2, 4, 8, 16, 20, 20].map { Duration.seconds($0) })

        let none = try Harness(environment: ["AWS_MAX_ATTEMPTS": "4"], random: 0) { _, _ in
            .awsError(503, "ServiceUnavailable")
        }
        _ = await none.failure()
        #expect(none.waits == [.zero, .zero, .zero])
        #expect(none.requests.count == 4)
    }

    @Test("a slow answer with a short deadline gives up at the deadline")
    func slowAnswer() async throws {
        let harness = try Harness { _, _ in
            usleep(2_000_000)
            return .json([:])
        }
        let start = ContinuousClock.now
        let error = try #require(
            await harness.failure(deadline: start.advanced(by: .milliseconds(500))))
        let elapsed = start.duration(to: .now)
        #expect(error.code == .timeout)
        #expect(!error.isRetryable)
        #expect(elapsed >= .milliseconds(450))
        #expect(elapsed < .milliseconds(1500))
        #expect(harness.requests.count == 1)
    }

    @Test("an attempt that times out before the deadline is retried")
    func attemptTimeout() async throws {
        let harness = try Harness(attemptTimeout: .milliseconds(300)) { index, _ in
            if index == 0 { usleep(1_000_000) }
            return .json(["ok": true])
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        let answer = try await harness.client.perform(.listGraphs, deadline: deadline)
        #expect(answer == ["ok": true])
        #expect(harness.requests.count == 2)
        #expect(harness.waits == [.zero])
    }

    @Test("no wait is taken that would cross the deadline: the last error is thrown")
    func deadlineStopsRetries() async throws {
        // Waits are recorded, not slept: 1, 2 and 4 s each fit in 5 s; 8 s does not.
        let harness = try Harness(environment: ["AWS_MAX_ATTEMPTS": "10"], random: 1.0) { _, _ in
            .awsError(429, "ThrottlingException")
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        let error = try #require(await harness.failure(deadline: deadline))
        #expect(error.awsCode == "ThrottlingException")
        #expect(harness.waits == [1, 2, 4].map { Duration.seconds($0) })
        #expect(harness.requests.count == 4)
    }

    @Test("waits slept for real count against the deadline")
    func deadlineCountsWaits() async throws {
        // Waits of 0.1, 0.2 and 0.4 s fit in 1.5 s; an 0.8 s wait cannot follow them.
        let harness = try Harness(
            environment: ["AWS_MAX_ATTEMPTS": "10"], random: 0.1, realSleep: true
        ) { _, _ in .awsError(429, "ThrottlingException") }
        let start = ContinuousClock.now
        let error = try #require(
            await harness.failure(deadline: start.advanced(by: .milliseconds(1500))))
        let elapsed = start.duration(to: .now)
        #expect(error.awsCode == "ThrottlingException")
        // Four attempts unless the machine is slow enough to end the third past 1.1 s.
        #expect((3...4).contains(harness.requests.count))
        #expect(elapsed >= .milliseconds(300))
        #expect(elapsed < .milliseconds(1500))
    }

    @Test("a deadline already passed sends nothing")
    func deadlinePassed() async throws {
        let harness = try Harness { _, _ in .json([:]) }
        let error = try #require(
            await harness.failure(deadline: ContinuousClock.now.advanced(by: .seconds(-1))))
        #expect(error.code == .timeout)
        #expect(harness.requests.isEmpty)
    }
}
