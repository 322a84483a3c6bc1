import Foundation
import JSON
import Testing

@testable import Sandbox

@Suite("Chaos runs: seeded fault plans and each finding's fate")
struct ChaosTests {
    private static let scenariosFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    private static func scenario(_ name: String) throws -> Scenario {
        try Scenario(
            contentsOfFile: scenariosFolder.appendingPathComponent("\(name).json").path)
    }

    @Test("the same seed gives the same plan; other seeds give other plans")
    func samePlan() throws {
        let scenario = try Self.scenario("demo")
        for intensity in ChaosIntensity.allCases {
            let first = ChaosPlan(seed: 987_654_321, scenario: scenario, intensity: intensity)
            let again = ChaosPlan(seed: 987_654_321, scenario: scenario, intensity: intensity)
            #expect(first == again)
            #expect(first.summary == again.summary)
        }
        let quiet = ChaosPlan(seed: 5, scenario: scenario, intensity: .none)
        #expect(quiet.faults.isEmpty && quiet.deadlineMarginSeconds == nil)
        #expect(quiet.invocationTimeoutSeconds == scenario.invocationTimeoutSeconds)
        let plans = (0..<20).map {
            ChaosPlan(seed: UInt64($0), scenario: scenario, intensity: .medium)
        }
        #expect(Set(plans.map(\.summary)).count > 15)
    }

    @Test("run seeds start with the seed itself, so one printed seed replays its run")
    func runSeeds() {
        let seeds = ChaosRun.seeds(from: 42, count: 5)
        #expect(seeds.first == 42)
        #expect(seeds == ChaosRun.seeds(from: 42, count: 5))
        #expect(Set(seeds).count == 5)
        #expect(ChaosRun.seeds(from: 42, count: 0).isEmpty)
    }

    @Test("plans hold storms longer than the attempts, short deadlines, every fault kind")
    func planVariety() throws {
        let scenario = try Self.scenario("demo")
        let plans = (0..<300).map {
            ChaosPlan(seed: UInt64($0), scenario: scenario, intensity: .high)
        }
        let faults = plans.flatMap(\.faults)
        let storm = faults.contains {
            if case .throttle = $0.kind { return $0.times > 3 }
            return false
        }
        #expect(storm)
        #expect(plans.contains { $0.deadlineMarginSeconds != nil })
        for plan in plans {
            if let margin = plan.deadlineMarginSeconds {
                #expect(margin >= 1 && plan.invocationTimeoutSeconds - margin >= 1.5)
            } else {
                #expect(plan.invocationTimeoutSeconds == scenario.invocationTimeoutSeconds)
            }
        }
        var kinds: Set<String> = []
        for fault in faults {
            switch fault.kind {
            case .throttle: kinds.insert("throttle")
            case .serverError: kinds.insert("serverError")
            case .dropConnection: kinds.insert("drop")
            case .truncatedResponse: kinds.insert("truncate")
            case .slow: kinds.insert("slow")
            case .unprocessed, .firstUnprocessed:
                kinds.insert("\(fault.kind)".hasPrefix("first") ? "first" : "unprocessed")
                #expect(fault.operation == "BatchUpdateFindings")
            }
        }
        #expect(kinds.count == 7)
        #expect(faults.contains { $0.after > 0 })
    }

    @Test("a fault with after lets that many requests through, then fires")
    func faultAfter() throws {
        var scenario = try TestScenario.scenario()
        scenario.faults = [
            Fault(
                service: .detective, operation: "ListGraphs",
                kind: .throttle(code: "TooManyRequestsException"), times: 1, after: 2)
        ]
        let fixture = try HostFixture(scenario)
        let statuses = (0..<4).map { _ in fixture.detective("/graphs/list", [:]).status }
        #expect(statuses == [200, 200, 429, 200])
        #expect(fixture.host.firedFaults.count == 1)
    }

    @Test("firstUnprocessed refuses the request's first finding and updates the others")
    func firstUnprocessed() throws {
        var scenario = try TestScenario.scenario()
        scenario.faults = [
            Fault(
                service: .securityHub, operation: "BatchUpdateFindings",
                kind: .firstUnprocessed(errorCode: "ConcurrentUpdateError"), times: 1)
        ]
        let fixture = try HostFixture(scenario)
        let second = "arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f2"
        let response = fixture.securityHub(
            "PATCH", "/findings/batchupdate",
            [
                "FindingIdentifiers": [
                    [
                        "Id": .string(TestScenario.findingID),
                        "ProductArn": .string(TestScenario.productARN),
                    ],
                    ["Id": .string(second), "ProductArn": .string(TestScenario.productARN)],
                ],
                "UserDefinedFields": ["investigate": "complete"],
            ])
        let body = try TestScenario.body(response)
        #expect(response.status == 200)
        #expect(
            body["UnprocessedFindings"]?[0]?["FindingIdentifier"]?["Id"]
                == .string(TestScenario.findingID))
        #expect(body["UnprocessedFindings"]?.arrayValue?.count == 1)
        #expect(body["ProcessedFindings"]?[0]?["Id"] == .string(second))
        let history = fixture.host.securityHub.store.history
        #expect(history.map(\.unprocessedErrorCode) == ["ConcurrentUpdateError", nil])
    }

    private static let key = FindingKey(id: "f1", productARN: "arn:p")

    private static func update(time: Double, outcome: String, refused: Bool = false)
        -> FindingUpdate
    {
        FindingUpdate(
            time: time, findingID: "f1", productARN: "arn:p", noteText: nil, noteUpdatedBy: nil,
            userDefinedFields: ["investigate": outcome],
            unprocessedErrorCode: refused ? "ConcurrentUpdateError" : nil)
    }

    private static func invocation(_ kind: RecordedResult.Kind?, outcome: String = "complete")
        -> ChaosInvocation
    {
        let body: JSONValue = ["findings": [["id": "f1", "outcome": .string(outcome)]]]
        return ChaosInvocation(
            findings: [key], started: 100, deadline: 160, answeredAt: kind == nil ? nil : 110,
            result: kind.map {
                RecordedResult(kind: $0, requestID: "r", headers: [], body: body.encoded())
            })
    }

    @Test("an error post retries every finding, written or not")
    func errorPath() {
        let fates = FateJudge.fates(of: Self.invocation(.error), history: [])
        #expect(fates == [.retried])
    }

    @Test("a success is written only by an accepted write of its outcome during the run")
    func written() {
        let success = Self.invocation(.response)
        #expect(
            FateJudge.fates(of: success, history: [Self.update(time: 105, outcome: "complete")])
                == [.written(outcome: "complete")])
        let cases: [[FindingUpdate]] = [
            [],
            [Self.update(time: 105, outcome: "complete", refused: true)],
            [Self.update(time: 105, outcome: "failed")],
            [Self.update(time: 99, outcome: "complete")],
            [Self.update(time: 111, outcome: "complete")],
        ]
        for history in cases {
            let fates = FateJudge.fates(of: success, history: history)
            #expect(fates.count == 1)
            if case .lost = fates.first {
            } else {
                Issue.record("expected lost, got \(fates)")
            }
        }
    }

    @Test("no answer at all is lost unless the finding was written")
    func noAnswer() {
        let silent = Self.invocation(nil)
        if case .lost = FateJudge.fates(of: silent, history: []).first {
        } else {
            Issue.record("a silent invocation with nothing written must be lost")
        }
        #expect(
            FateJudge.fates(of: silent, history: [Self.update(time: 130, outcome: "running")])
                == [.written(outcome: "running")])
    }

    @Test("a short chaos run through the real bootstrap loses no finding")
    func shortRun() throws {
        let bootstrap = try Self.bootstrapPath()
        let scenario = try Self.scenario("shared-investigation")
        var tally = ChaosTally()
        for seed in ChaosRun.seeds(from: 2_026, count: 3) {
            let log = FileManager.default.temporaryDirectory
                .appendingPathComponent("chaos-test-\(UUID().uuidString).log").path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let plan = ChaosPlan(seed: seed, scenario: scenario, intensity: .medium)
            let result = ChaosRun.run(
                scenario, plan: plan, bootstrapPath: bootstrap, logPath: log)
            #expect(result.abortReason == nil)
            #expect(result.lost.isEmpty, "seed \(seed): \(result.lost)")
            #expect(result.violations.isEmpty)
            tally.add(result)
        }
        #expect(tally.runs == 3)
        #expect(tally.findings == 6)
        #expect(tally.lost == 0)
        #expect(tally.faultsFired > 0)
    }

    /// The built `bootstrap`, found beside the test binary in the build products folder.
    private static func bootstrapPath() throws -> String {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bootstrap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw BootstrapMissing(near: executable)
    }

    private struct BootstrapMissing: Error, CustomStringConvertible {
        var near: String
        var description: String { "no built bootstrap near \(near)" }
    }
}
