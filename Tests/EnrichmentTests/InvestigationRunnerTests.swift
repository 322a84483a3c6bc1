import AWSClient
import JSON
import Logging
import Testing

@testable import Enrichment

@Suite("Reusing, starting and waiting for an investigation")
struct InvestigationRunnerTests {
    private let graph = FakeAWS.graphARN("us-east-2")

    private func request() throws -> InvestigationRequest {
        InvestigationRequest(
            entity: try #require(IAMEntity(arn: "arn:aws:iam::061039776389:role/R")),
            region: "us-east-2", graphARN: graph,
            scope: Scope(start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1000)))
    }

    private func run(
        _ aws: FakeAWS, clock: TestClock, settings: EnrichmentSettings? = nil,
        seconds: Double = 300
    ) async throws -> InvestigationResult {
        let settings = settings ?? EnrichmentSettings(region: "us-east-1", pollSeconds: 10)
        let runner = InvestigationRunner(
            detective: Detective(
                aws: aws, region: "us-east-2", deadline: clock.deadline(inSeconds: seconds)),
            settings: settings, environment: clock.environment, logger: .disabled)
        return await runner.run(try request())
    }

    @Test("a new investigation is polled with waits growing to 30 s, then indicators are read")
    func pollsUntilDone() async throws {
        let aws = FakeAWS()
        let running = FakeAWS.Reply.answer(["Status": "RUNNING"])
        aws.script(
            "GetInvestigation",
            [
                running, running, running, running,
                .answer(["Status": "SUCCESSFUL", "Severity": "LOW"]),
            ])
        aws.script(
            "ListIndicators",
            [.answer(["Indicators": [["IndicatorType": "NEW_USER_AGENT"]]])])
        let clock = TestClock()
        let result = try await run(aws, clock: clock)
        #expect(result.outcome == .complete)
        #expect(result.severity == "LOW")
        #expect(result.investigationID == FakeAWS.investigationID(1))
        #expect(result.indicators?.typesField == "NEW_USER_AGENT")
        #expect(clock.waits == [.seconds(10), .seconds(20), .seconds(30), .seconds(30)])
        #expect(aws.calls("StartInvestigation").count == 1)
    }

    @Test("a recent investigation of the entity is reused; a recently failed one is not")
    func reusesRecent() async throws {
        let aws = FakeAWS()
        aws.script(
            "ListInvestigations",
            [
                .answer([
                    "InvestigationDetails": [
                        [
                            "InvestigationId": .string(FakeAWS.investigationID(9)),
                            "Status": "FAILED",
                        ],
                        [
                            "InvestigationId": .string(FakeAWS.investigationID(8)),
                            "Status": "SUCCESSFUL",
                        ],
                    ]
                ])
            ])
        let clock = TestClock()
        let result = try await run(
            aws, clock: clock, settings: EnrichmentSettings(region: "us-east-1", reuseMinutes: 90))
        #expect(result.investigationID == FakeAWS.investigationID(8))
        #expect(aws.calls("StartInvestigation").isEmpty)
        let filter = try #require(aws.calls("ListInvestigations").first?.body?["FilterCriteria"])
        #expect(
            filter["CreatedTime"] == [
                "StartInclusive": "2026-12-03T15:30:00.000Z",
                "EndInclusive": "2026-12-03T17:00:00.000Z",
            ])
        #expect(filter["EntityArn"] == ["Value": "arn:aws:iam::061039776389:role/R"])
    }

    @Test("an older investigation still running is reused")
    func reusesRunning() async throws {
        let aws = FakeAWS()
        aws.script(
            "ListInvestigations",
            [
                .answer(["InvestigationDetails": []]),
                .answer([
                    "InvestigationDetails": [
                        [
                            "InvestigationId": .string(FakeAWS.investigationID(5)),
                            "Status": "RUNNING",
                        ]
                    ]
                ]),
            ])
        let result = try await run(aws, clock: TestClock())
        #expect(result.investigationID == FakeAWS.investigationID(5))
        #expect(
            aws.calls("ListInvestigations")[1].body?["FilterCriteria"]?["Status"] == [
                "Value": "RUNNING"
            ])
        #expect(aws.calls("StartInvestigation").isEmpty)
    }

    @Test("waiting stops at the deadline margin and the outcome is running")
    func deadlineMargin() async throws {
        let aws = FakeAWS()
        aws.script("GetInvestigation", [.answer(["Status": "RUNNING"])])
        let clock = TestClock()
        let result = try await run(aws, clock: clock, seconds: 45)
        #expect(result.outcome == .running)
        #expect(result.investigationID == FakeAWS.investigationID(1))
        #expect(clock.waits == [.seconds(10), .seconds(20), .seconds(15)])
        #expect(clock.now <= clock.deadline(inSeconds: 45))
        #expect(aws.calls("GetInvestigation").count == 4)
    }

    @Test("a throttled poll is tried again at the next wait")
    func retryablePoll() async throws {
        let aws = FakeAWS()
        aws.script(
            "GetInvestigation",
            [
                .failure(FakeAWS.throttled("GetInvestigation")),
                .answer(["Status": "SUCCESSFUL", "Severity": "MEDIUM"]),
            ])
        let clock = TestClock()
        let result = try await run(aws, clock: clock)
        #expect(result.outcome == .complete)
        #expect(clock.waits == [.seconds(10)])
    }

    @Test("polls that fail until the margin end as running")
    func failingPolls() async throws {
        let aws = FakeAWS()
        aws.script("GetInvestigation", [.failure(FakeAWS.throttled("GetInvestigation"))])
        let result = try await run(aws, clock: TestClock(), seconds: 40)
        #expect(result.outcome == .running)
    }

    @Test("a poll refused for good, or Detective's FAILED, ends as failed with the reason")
    func failures() async throws {
        let denied = FakeAWS()
        denied.script("GetInvestigation", [.failure(FakeAWS.denied("GetInvestigation"))])
        let refused = try await run(denied, clock: TestClock())
        #expect(refused.outcome == .failed)
        #expect(refused.reason?.contains("AccessDeniedException") == true)

        let failed = FakeAWS()
        failed.script("GetInvestigation", [.answer(["Status": "FAILED"])])
        let ended = try await run(failed, clock: TestClock())
        #expect(ended.outcome == .failed)
        #expect(ended.reason == "Detective ended the investigation FAILED")
        #expect(ended.investigationID == FakeAWS.investigationID(1))
    }

    @Test("a start refused ends as failed without an investigation id")
    func startRefused() async throws {
        let aws = FakeAWS()
        aws.script("StartInvestigation", [.failure(FakeAWS.denied("StartInvestigation"))])
        let result = try await run(aws, clock: TestClock())
        #expect(result.outcome == .failed)
        #expect(result.investigationID == nil)
        #expect(aws.calls("GetInvestigation").isEmpty)
    }
}
