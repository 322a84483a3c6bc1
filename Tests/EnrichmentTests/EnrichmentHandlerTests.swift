import AWSClient
import JSON
import Logging
import Testing

@testable import Enrichment

@Suite("Handling one event end to end")
struct EnrichmentHandlerTests {
    private static let negativeEventPaths = [
        "events/event-securityhub-cloudtrail-finding-action.json",
        "events/event-securityhub-lambda-cross.json",
        "events/CIS_1-6-multi-select.json",
        "events/AFSBP-iam.6.json",
        "events/cis1314-save.json",
        "events/afsbp-ec2.7.json",
        "events/custom_new.template.json",
        "events/imported_new_automated_standard_check.template.json",
        "events/vumdao-testsample.json",
    ]

    private struct Run {
        var result: JSONValue
        var aws: FakeAWS
        var clock: TestClock
        var lines: [String]
    }

    private func handle(
        _ event: [UInt8], aws: FakeAWS = FakeAWS(), settings: EnrichmentSettings? = nil,
        seconds: Double = 600
    ) async throws(EnrichmentError) -> Run {
        let clock = TestClock()
        let sink = CapturingSink()
        let handler = EnrichmentHandler(
            settings: settings ?? EnrichmentSettings(region: "us-east-1", pollSeconds: 1),
            aws: aws, environment: clock.environment)
        let bytes = try await handler.handle(
            event: event, deadline: clock.deadline(inSeconds: seconds),
            logger: Logger(level: .info, sink: sink))
        let result = (try? JSONValue(parsing: bytes)) ?? .null
        return Run(result: result, aws: aws, clock: clock, lines: sink.lines)
    }

    /// The public modern finding about `role`, with its own id and first observation.
    private func finding(
        _ number: Int, role: String, observed: String = "2026-12-02T10:00:00Z",
        region: String = "us-east-2"
    ) throws -> JSONValue {
        try Fixtures.modernFinding()
            .setting(
                ["Id"],
                to: .string("arn:aws:guardduty:\(region):061039776389:detector/d/finding/\(number)")
            )
            .setting(["Region"], to: .string(region))
            .setting(["FirstObservedAt"], to: .string(observed))
            .setting(
                ["Resources", 0, "Details", "AwsIamAccessKey", "PrincipalName"], to: .string(role))
    }

    private func fields(_ call: AWSCall) -> JSONValue? { call.body?["UserDefinedFields"] }

    @Test(
        "each negative public event is skipped for its reason, fields only, no Detective call",
        arguments: negativeEventPaths)
    func negativeEvents(path: String) async throws {
        let run = try await handle(Fixtures.bytes(path))
        let results = try #require(run.result["findings"]?.arrayValue)
        #expect(!results.isEmpty)
        for result in results {
            #expect(result["outcome"] == "skipped")
            let reason = result["reason"]?.stringValue ?? ""
            #expect(
                reason == "not a GuardDuty finding"
                    || reason == "no IAM user, role or access key resource", "\(reason)")
        }
        #expect(run.aws.calls.allSatisfy { $0.service == .securityHub })
        let writes = run.aws.calls("BatchUpdateFindings")
        #expect(
            writes.allSatisfy { $0.body?["Note"] == nil && fields($0)?["investigate"] == "skipped" }
        )
        let written = writes.flatMap { $0.body?["FindingIdentifiers"]?.arrayValue ?? [] }
        #expect(written.count == results.count)
    }

    @Test("an Insight Results event is rejected as UnsupportedEvent and calls nothing")
    func insightRejected() async throws {
        let aws = FakeAWS()
        await #expect(throws: EnrichmentError.self) {
            _ = try await handle(
                Fixtures.bytes("events/event-securityhub-insight-2.json"), aws: aws)
        }
        #expect(aws.calls.isEmpty)
    }

    @Test("the public GuardDuty IAM event is investigated and written back complete")
    func positiveEvent() async throws {
        let aws = FakeAWS()
        aws.script(
            "ListIndicators",
            [
                .answer([
                    "Indicators": try #require(
                        Fixtures.json("findings/detective_data.json")[0]?["Indicators"])
                ])
            ])
        let run = try await handle(
            Fixtures.bytes("events/event-securityhub-iamkey-finding-action.json"), aws: aws)
        let result = try #require(run.result["findings"]?[0])
        #expect(result["outcome"] == "complete")
        #expect(result["investigationId"] == .string(FakeAWS.investigationID(1)))
        #expect(result["severity"] == "HIGH")
        #expect(result["entityArn"] == "arn:aws:iam::644160558196:role/kapil")
        #expect(run.result["counts"]?["complete"] == 1)

        let start = try #require(aws.calls("StartInvestigation").first)
        #expect(start.region == "us-east-1")
        #expect(start.body?["ScopeEndTime"] == "2026-12-03T16:55:00.000Z")
        #expect(
            start.body?["ScopeStartTime"] == "2026-11-03T16:55:00.000Z", "2019 is cut to 30 days")

        let write = try #require(aws.calls("BatchUpdateFindings").first)
        let note = try #require(write.body?["Note"]?["Text"]?.stringValue)
        #expect(note.count <= 512)
        #expect(note.hasPrefix("Anomalous behaviour observed indicating potential compromise"))
        #expect(note.hasSuffix("#investigationReport/\(FakeAWS.investigationID(1))"))
        #expect(write.body?["Note"]?["UpdatedBy"] == "InvestigateWithDetective")
        #expect(
            fields(write)?["detective_indicators"]?.stringValue?.hasPrefix("TTP_OBSERVED,") == true)
    }

    @Test("20 findings about 3 entities start 3 investigations, each from its earliest start")
    func sharedInvestigations() async throws {
        var findings: [JSONValue] = []
        for number in 0..<20 {
            let role = ["RoleA", "RoleB", "RoleC"][number % 3]
            let day = 12 + number % 3 + (number / 3) % 5
            findings.append(try finding(number, role: role, observed: "2026-11-\(day)T00:00:00Z"))
        }
        let aws = FakeAWS(slowOperations: ["GetInvestigation"])
        let run = try await handle(
            Fixtures.event(findings: findings), aws: aws,
            settings: EnrichmentSettings(region: "us-east-1", pollSeconds: 1, concurrency: 2))
        let results = try #require(run.result["findings"]?.arrayValue)
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0["outcome"] == "complete" })
        #expect(Set(results.compactMap { $0["investigationId"]?.stringValue }).count == 3)

        let starts = aws.calls("StartInvestigation")
        #expect(starts.count == 3)
        let scopeStarts = Dictionary(
            uniqueKeysWithValues: starts.map {
                (
                    $0.body?["EntityArn"]?.stringValue ?? "",
                    $0.body?["ScopeStartTime"]?.stringValue ?? ""
                )
            })
        #expect(scopeStarts["arn:aws:iam::061039776389:role/RoleA"] == "2026-11-11T00:00:00.000Z")
        #expect(scopeStarts["arn:aws:iam::061039776389:role/RoleB"] == "2026-11-12T00:00:00.000Z")
        #expect(scopeStarts["arn:aws:iam::061039776389:role/RoleC"] == "2026-11-13T00:00:00.000Z")
        #expect(aws.mostInFlight <= 2)
        #expect(aws.calls("ListGraphs").count == 1)

        let infoLines = run.lines.filter {
            $0.contains(" INFO ") && $0.contains("finding complete")
        }
        #expect(infoLines.count == 20)
        let last = try #require(run.lines.last)
        #expect(last.contains("event handled") && last.contains("complete=20"))
    }

    @Test("a finding in another region is investigated there and written back in AWS_REGION")
    func crossRegion() async throws {
        let aws = FakeAWS()
        let run = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R", region: "eu-west-1")]), aws: aws)
        #expect(run.result["findings"]?[0]?["outcome"] == "complete")
        let detective = aws.calls.filter { $0.service == .detective }
        #expect(!detective.isEmpty)
        #expect(detective.allSatisfy { $0.region == "eu-west-1" })
        #expect(
            aws.calls("StartInvestigation").first?.body?["GraphArn"]
                == .string(FakeAWS.graphARN("eu-west-1")))
        #expect(aws.calls("BatchUpdateFindings").map(\.region) == ["us-east-1"])
        let note = aws.calls("BatchUpdateFindings").first?.body?["Note"]?["Text"]?.stringValue
        #expect(
            note?.contains(
                "https://eu-west-1.console.aws.amazon.com/detective/home?region=eu-west-1#") == true
        )
    }

    @Test("aws-us-gov: the role ARN and the console link are GovCloud's")
    func govCloud() async throws {
        let gov = try finding(1, role: "Deployer", region: "us-gov-west-1")
            .setting(
                ["ProductArn"],
                to: "arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/guardduty")
        let aws = FakeAWS()
        _ = try await handle(
            Fixtures.event(findings: [gov], region: "us-gov-west-1"), aws: aws,
            settings: EnrichmentSettings(region: "us-gov-west-1", pollSeconds: 1))
        let start = try #require(aws.calls("StartInvestigation").first)
        #expect(start.body?["EntityArn"] == "arn:aws-us-gov:iam::061039776389:role/Deployer")
        #expect(start.region == "us-gov-west-1")
        let note = try #require(
            aws.calls("BatchUpdateFindings").first?.body?["Note"]?["Text"]?.stringValue)
        #expect(
            note.hasSuffix(
                "https://us-gov-west-1.console.amazonaws-us-gov.com/detective/home"
                    + "?region=us-gov-west-1#investigationReport/\(FakeAWS.investigationID(1))"))
    }

    @Test("a finding about a commercial ARN in a GovCloud region is not investigated")
    func partitionMismatch() async throws {
        let mixed = try finding(1, role: "R", region: "us-gov-west-1")
        let run = try await handle(Fixtures.event(findings: [mixed]))
        #expect(run.result["findings"]?[0]?["outcome"] == "skipped")
        #expect(run.aws.calls.allSatisfy { $0.service == .securityHub })
    }

    @Test("findings Security Hub keeps refusing fail the invocation with WriteBackFailed")
    func writeBackFailed() async throws {
        let aws = FakeAWS(responder: { call in
            guard call.operation == "BatchUpdateFindings" else { return nil }
            return .answer([
                "ProcessedFindings": [],
                "UnprocessedFindings": .array(
                    (call.body?["FindingIdentifiers"]?.arrayValue ?? []).map {
                        [
                            "FindingIdentifier": $0, "ErrorCode": "LimitExceeded",
                            "ErrorMessage": "slow down",
                        ]
                    }),
            ])
        })
        let event = try Fixtures.event(findings: [try finding(7, role: "R")])
        do {
            _ = try await handle(event, aws: aws)
            Issue.record("the invocation succeeded")
        } catch {
            #expect(error.code == .writeBackFailed)
            #expect(error.message.contains("detector/d/finding/7"))
            #expect(error.message.contains("LimitExceeded: slow down"))
        }
        #expect(aws.calls("BatchUpdateFindings").count == SecurityHubWriter.maxAttempts)
    }

    @Test("reaching the deadline margin ends in running, and that is written back")
    func deadlineRunning() async throws {
        let aws = FakeAWS()
        aws.script("GetInvestigation", [.answer(["Status": "RUNNING"])])
        let run = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R")]), aws: aws,
            settings: EnrichmentSettings(
                region: "us-east-1", pollSeconds: 5, deadlineMarginSeconds: 20),
            seconds: 60)
        #expect(run.result["findings"]?[0]?["outcome"] == "running")
        #expect(run.clock.now <= run.clock.deadline(inSeconds: 40))
        let write = try #require(aws.calls("BatchUpdateFindings").first)
        #expect(fields(write)?["investigate"] == "running")
        #expect(write.body?["Note"]?["Text"]?.stringValue?.contains("still investigating") == true)
    }

    @Test("Detective calls stop at the margin; the write-back keeps a second to post the result")
    func deadlines() async throws {
        let aws = FakeAWS()
        let run = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R")]), aws: aws,
            settings: EnrichmentSettings(region: "us-east-1", deadlineMarginSeconds: 20),
            seconds: 100)
        #expect(aws.deadline(of: "StartInvestigation") == run.clock.deadline(inSeconds: 80))
        #expect(aws.deadline(of: "GetInvestigation") == run.clock.deadline(inSeconds: 80))
        #expect(aws.deadline(of: "BatchUpdateFindings") == run.clock.deadline(inSeconds: 99))
    }

    @Test("with a small margin the time kept for posting the result is half the margin")
    func smallMarginReserve() async throws {
        let aws = FakeAWS()
        let run = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R")]), aws: aws,
            settings: EnrichmentSettings(region: "us-east-1", deadlineMarginSeconds: 1),
            seconds: 10)
        #expect(aws.deadline(of: "GetInvestigation") == run.clock.deadline(inSeconds: 9))
        #expect(aws.deadline(of: "BatchUpdateFindings") == run.clock.deadline(inSeconds: 9.5))
    }

    @Test(
        "no more investigations run at once than INVESTIGATION_CONCURRENCY allows",
        arguments: [1, 3])
    func concurrency(limit: Int) async throws {
        let findings = try (0..<6).map { try finding($0, role: "Role\($0)") }
        let aws = FakeAWS(slowOperations: ["GetInvestigation"])
        let run = try await handle(
            Fixtures.event(findings: findings), aws: aws,
            settings: EnrichmentSettings(region: "us-east-1", concurrency: limit))
        #expect(run.result["counts"]?["complete"] == 6)
        #expect(aws.calls("StartInvestigation").count == 6)
        #expect(aws.mostInFlight <= limit)
        #expect(aws.mostInFlight >= min(limit, 2))
    }

    @Test("no graph in the region skips; a refused ListGraphs fails")
    func graphs() async throws {
        let none = FakeAWS()
        none.script("ListGraphs", [.answer(["GraphList": []])])
        let skipped = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R")]), aws: none)
        #expect(skipped.result["findings"]?[0]?["outcome"] == "skipped")
        #expect(
            skipped.result["findings"]?[0]?["reason"] == "no Detective behavior graph in us-east-2")

        let denied = FakeAWS()
        denied.script("ListGraphs", [.failure(FakeAWS.denied("ListGraphs"))])
        let failed = try await handle(
            Fixtures.event(findings: [try finding(1, role: "R")]), aws: denied)
        #expect(failed.result["findings"]?[0]?["outcome"] == "failed")
        let write = try #require(denied.calls("BatchUpdateFindings").first)
        #expect(
            fields(write)?["detective_reason"]?.stringValue?.contains("AccessDeniedException")
                == true)
    }

    @Test("a finding without Id is reported skipped and does not sink the others")
    func unaddressable() async throws {
        let good = try finding(1, role: "R")
        let event = try Fixtures.event(findings: [good, good.removing(["Id"])])
        let run = try await handle(event)
        let results = try #require(run.result["findings"]?.arrayValue)
        #expect(results.map { $0["outcome"] } == ["complete", "skipped"])
        #expect(results[1]["id"] == .null)
        #expect(run.result["counts"] == ["complete": 1, "running": 0, "failed": 0, "skipped": 1])
        let written = run.aws.calls("BatchUpdateFindings").flatMap {
            $0.body?["FindingIdentifiers"]?.arrayValue ?? []
        }
        #expect(written.count == 1)
    }

    @Test("a principal name built to break a URL or JSON reaches no request")
    func hostileName() async throws {
        let hostile = #"R","EntityArn":"arn:aws:iam::1:root"}#"#
        let run = try await handle(Fixtures.event(findings: [try finding(1, role: hostile)]))
        #expect(run.result["findings"]?[0]?["outcome"] == "skipped")
        #expect(run.aws.calls.allSatisfy { $0.service == .securityHub })
    }
}
