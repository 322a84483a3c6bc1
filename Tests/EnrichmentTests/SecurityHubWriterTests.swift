import AWSClient
import JSON
import Logging
import Testing

@testable import Enrichment

@Suite("Writing back with BatchUpdateFindings")
struct SecurityHubWriterTests {
    private func identifier(_ number: Int) -> FindingIdentifier {
        FindingIdentifier(
            id: "arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/\(number)",
            productARN: "arn:aws:securityhub:us-east-1::product/aws/guardduty")
    }

    private func update(_ number: Int, outcome: String = "complete") -> FindingUpdate {
        FindingUpdate(
            identifier: identifier(number),
            payload: FindingUpdate.Payload(
                note: FindingNote(text: "note", updatedBy: "fn"), fields: ["investigate": outcome]))
    }

    private func writer(_ aws: FakeAWS, clock: TestClock, seconds: Double = 120)
        -> SecurityHubWriter
    {
        SecurityHubWriter(
            aws: aws, region: "us-east-1", deadline: clock.deadline(inSeconds: seconds),
            environment: clock.environment, logger: .disabled)
    }

    private func unprocessed(_ identifiers: [FindingIdentifier]) -> FakeAWS.Reply {
        .answer([
            "ProcessedFindings": [],
            "UnprocessedFindings": .array(
                identifiers.map { identifier in
                    [
                        "FindingIdentifier": [
                            "Id": .string(identifier.id),
                            "ProductArn": .string(identifier.productARN),
                        ],
                        "ErrorCode": "FindingNotFound", "ErrorMessage": "Finding not found",
                    ]
                }),
        ])
    }

    @Test("findings written alike share calls of at most 100 identifiers")
    func batches() async throws {
        let aws = FakeAWS()
        let updates = (0..<250).map { update($0) } + [update(900, outcome: "skipped")]
        let unwritten = await writer(aws, clock: TestClock()).write(updates)
        #expect(unwritten.isEmpty)
        let calls = aws.calls("BatchUpdateFindings")
        #expect(
            calls.map { $0.body?["FindingIdentifiers"]?.arrayValue?.count } == [100, 100, 50, 1])
        #expect(calls.allSatisfy { $0.method == "PATCH" && $0.path == "/findings/batchupdate" })
        #expect(calls.allSatisfy { $0.region == "us-east-1" && $0.service == .securityHub })
        #expect(calls[0].body?["Note"] == ["Text": "note", "UpdatedBy": "fn"])
        #expect(calls[3].body?["UserDefinedFields"] == ["investigate": "skipped"])
    }

    @Test("an unprocessed finding is retried after a backoff, alone")
    func retriesUnprocessed() async throws {
        let aws = FakeAWS()
        aws.script(
            "BatchUpdateFindings",
            [unprocessed([identifier(2)]), .answer(["UnprocessedFindings": []])])
        let clock = TestClock()
        let unwritten = await writer(aws, clock: clock).write([update(1), update(2)])
        #expect(unwritten.isEmpty)
        let calls = aws.calls("BatchUpdateFindings")
        #expect(calls.count == 2)
        #expect(
            calls[1].body?["FindingIdentifiers"] == [
                ["Id": .string(identifier(2).id), "ProductArn": .string(identifier(2).productARN)]
            ])
        #expect(clock.waits == [.seconds(1)])
    }

    @Test("a finding still unprocessed after the attempts is reported with the service's reason")
    func givesUp() async throws {
        let aws = FakeAWS()
        aws.script("BatchUpdateFindings", [unprocessed([identifier(2)])])
        let clock = TestClock()
        let unwritten = await writer(aws, clock: clock).write([update(1), update(2)])
        #expect(
            unwritten == [
                UnwrittenFinding(
                    identifier: identifier(2), reason: "FindingNotFound: Finding not found")
            ])
        #expect(aws.calls("BatchUpdateFindings").count == SecurityHubWriter.maxAttempts)
        #expect(clock.waits == [.seconds(1), .seconds(2)])
    }

    @Test("no retry waits past the deadline")
    func respectsDeadline() async throws {
        let aws = FakeAWS()
        aws.script("BatchUpdateFindings", [unprocessed([identifier(1)])])
        let clock = TestClock()
        let unwritten = await writer(aws, clock: clock, seconds: 0.5).write([update(1)])
        #expect(unwritten.count == 1)
        #expect(aws.calls("BatchUpdateFindings").count == 1)
        #expect(clock.waits.isEmpty)
    }

    @Test("a call refused for good fails its findings without retrying")
    func refused() async throws {
        let aws = FakeAWS()
        aws.script(
            "BatchUpdateFindings",
            [.failure(FakeAWS.denied("BatchUpdateFindings", service: .securityHub))])
        let unwritten = await writer(aws, clock: TestClock()).write([update(1)])
        #expect(unwritten.first?.reason.contains("AccessDeniedException") == true)
        #expect(aws.calls("BatchUpdateFindings").count == 1)
    }
}
