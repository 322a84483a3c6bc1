import AWSClient
import Logging
import Sandbox
import Testing

@Suite("AWSClient logging")
struct AWSClientLoggingTests {
    @Test("each attempt logs at DEBUG and each retry at WARN, with what an operator needs")
    func attemptAndRetryLines() async throws {
        let harness = try Harness(random: 1.0) { index, _ in
            index == 0 ? .awsError(429, "ThrottlingException") : .json([:])
        }
        _ = try await harness.client.perform(.listGraphs, deadline: nil)

        let lines = harness.sink.lines
        let attempts = lines.filter { $0.contains(" DEBUG ") && $0.contains("AWS call") }
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.contains("operation=ListGraphs") })
        #expect(attempts.allSatisfy { $0.contains("region=eu-west-2") })
        #expect(attempts.allSatisfy { $0.contains("durationMs=") })
        #expect(attempts.first?.contains("status=429") == true)
        #expect(attempts.last?.contains("status=200") == true)
        let retries = lines.filter { $0.contains(" WARN ") }
        #expect(retries.count == 1)
        #expect(retries.first?.contains("attempt=2") == true)
        #expect(retries.first?.contains("code=ThrottlingException") == true)
        #expect(retries.first?.contains("waitMs=1000") == true)
    }

    @Test("no line at TRACE holds the secret key, the session token or the signature")
    func noSecrets() async throws {
        let harness = try Harness(level: .trace) { index, _ in
            switch index {
            case 0: .awsError(500, "InternalError")
            case 1: .dropConnection
            case 2: .awsError(400, "ThrottlingException")
            default: .json(["ok": true])
            }
        }
        _ = try await harness.client.perform(.listGraphs, deadline: nil)
        _ = try await harness.client.perform(.listGraphs, deadline: nil)

        let signatures = harness.requests.compactMap { request in
            request.header("Authorization")?.split(separator: "=").last.map(String.init)
        }
        #expect(signatures.count == harness.requests.count)
        let lines = harness.sink.lines
        #expect(lines.count >= 5)
        for line in lines {
            #expect(!line.contains(TestSecrets.secretAccessKey))
            #expect(!line.contains(TestSecrets.sessionToken))
            for signature in signatures {
                #expect(!line.contains(signature))
            }
        }
    }
}
