import Foundation
import Sandbox
import Testing

@Suite("The real bootstrap through every scenario")
struct ScenarioOutcomeTests {
    @Test(
        "every expected outcome happens, with no violation",
        arguments: [
            "demo", "faults", "failed-and-never-ending", "cross-region", "aws-us-gov", "reuse",
            "shared-investigation",
        ])
    func scenario(_ name: String) throws {
        let run = try ScenarioHarness(name)
        #expect(run.report.abortReason == nil)
        #expect(run.report.failedInvocations.isEmpty)
        #expect(run.report.violations.isEmpty, "\(run.report.violations)")
        for finding in run.report.findings {
            #expect(finding.mismatches.isEmpty, "\(finding.findingID): \(finding.mismatches)")
        }
        #expect(run.report.passed, "\(run.report.rendered().joined(separator: "\n"))")
    }

    @Test("demo: notes of at most 512 characters by the function, ending in the report link")
    func demoNotes() throws {
        let run = try ScenarioHarness("demo")
        let investigated = run.report.findings.filter { $0.outcome == "complete" }
        #expect(investigated.count == 3)
        for finding in investigated {
            let note = try #require(finding.noteText)
            let id = try #require(finding.investigationID)
            #expect(note.count <= 512)
            #expect(finding.noteUpdatedBy == "InvestigateWithDetective")
            #expect(
                note.hasSuffix(
                    "https://us-east-1.console.aws.amazon.com/detective/home?region=us-east-1"
                        + "#investigationReport/\(id)"))
        }
        let skipped = try #require(run.report.findings.first { $0.outcome == "skipped" })
        #expect(skipped.noteText == nil)
        #expect(skipped.reason?.isEmpty == false)
        #expect(run.host.detective.investigations.count == 3)
    }

    @Test("demo: the indicators written are the types Detective found, all eight of them")
    func demoIndicators() throws {
        let run = try ScenarioHarness("demo")
        let high = try #require(run.report.findings.first { $0.severity == "HIGH" })
        let types = Set((high.indicators ?? "").split(separator: ",").map(String.init))
        #expect(
            types == [
                "TTP_OBSERVED", "IMPOSSIBLE_TRAVEL", "FLAGGED_IP_ADDRESS", "NEW_GEOLOCATION",
                "NEW_ASO", "NEW_USER_AGENT", "RELATED_FINDING", "RELATED_FINDING_GROUP",
            ])
    }

    @Test("faults: every injected fault fired and the function still wrote both findings")
    func faultsFire() throws {
        let run = try ScenarioHarness("faults")
        #expect(run.report.faultsFired == 10)
        let unprocessed = run.host.securityHub.store.history.filter {
            $0.unprocessedErrorCode != nil
        }
        #expect(!unprocessed.isEmpty)
        #expect(unprocessed.allSatisfy { $0.unprocessedErrorCode == "ConcurrentUpdateError" })
        for refused in unprocessed {
            let retried = run.host.securityHub.store.history.contains {
                $0.findingID == refused.findingID && $0.unprocessedErrorCode == nil
                    && $0.time >= refused.time
            }
            #expect(retried, "\(refused.findingID) was not written after being unprocessed")
        }
        #expect(run.report.findings.allSatisfy { $0.outcome == "complete" })
    }

    @Test("reuse: no investigation is started and the analyst's note is kept")
    func reuse() throws {
        let run = try ScenarioHarness("reuse")
        #expect(run.host.detective.investigations.count == 1)
        let finding = try #require(run.report.findings.first)
        #expect(finding.noteText == "Escalated to the on-call analyst.")
        #expect(finding.summary?.contains("investigationReport/") == true)
    }

    @Test("two findings about one user in one event share one investigation")
    func sharedInvestigation() throws {
        let run = try ScenarioHarness("shared-investigation")
        #expect(run.host.detective.investigations.count == 1)
        let ids = Set(run.report.findings.compactMap(\.investigationID))
        #expect(ids.count == 1)
        #expect(ids == Set(run.host.detective.investigations.map(\.id)))
    }

    @Test("every scenario fixture is the scenario shipped in scenarios/")
    func fixturesMatchScenarios() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios")
        let fixtures = try #require(
            Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let copies = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".json") }
        #expect(copies.count >= 7)
        for file in copies {
            #expect(
                try Data(contentsOf: fixtures.appendingPathComponent(file))
                    == Data(contentsOf: root.appendingPathComponent(file)), "\(file) differs")
        }
    }
}
