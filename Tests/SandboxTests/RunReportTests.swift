import JSON
import Testing

@testable import Sandbox

@Suite("A run's report compares what was written back with what the scenario expects")
struct RunReportTests {
    private let expected = ExpectedOutcome(
        findingID: "f1", outcome: "complete", severity: "HIGH",
        noteContains: ["investigationReport/"], reasonContains: [])

    private func finding(outcome: String, severity: String, note: String) -> JSONValue {
        [
            "Id": "arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/f1",
            "UserDefinedFields": [
                "investigate": .string(outcome), "detective_severity": .string(severity),
                "detective_investigation_id": "000000000000000000001",
            ],
            "Note": ["Text": .string(note), "UpdatedBy": "InvestigateWithDetective"],
        ]
    }

    @Test("a finding written as expected has no mismatch and the report passes")
    func matching() {
        let result = RunReport.result(
            of: finding(outcome: "complete", severity: "HIGH", note: "… #investigationReport/1"),
            expected: expected, investigations: [])
        #expect(result.mismatches.isEmpty)
        let report = RunReport(
            scenarioName: "t", findings: [result], failedInvocations: [], violations: [],
            faultsFired: 0)
        #expect(report.passed)
        #expect(report.rendered().last == "PASS: 1 of 1 expected outcomes happened")
    }

    @Test("a wrong outcome, severity or note is named, and the report fails")
    func mismatching() {
        let result = RunReport.result(
            of: finding(outcome: "failed", severity: "LOW", note: "no link"),
            expected: expected, investigations: [])
        #expect(result.mismatches.count == 3)
        let report = RunReport(
            scenarioName: "t", findings: [result], failedInvocations: [], violations: [],
            faultsFired: 0)
        #expect(!report.passed)
        let text = report.rendered().joined(separator: "\n")
        #expect(text.contains("failed ≠ complete"))
        #expect(text.contains("FAIL: 0 of 1"))
    }

    @Test("a violation fails the run even when every outcome matched")
    func violationFails() {
        let result = RunReport.result(
            of: finding(outcome: "complete", severity: "HIGH", note: "investigationReport/1"),
            expected: expected, investigations: [])
        let violation = Violation(
            service: "detective", operation: "ListGraphs", code: "Ignored", message: "x")
        let report = RunReport(
            scenarioName: "t", findings: [result], failedInvocations: [],
            violations: [violation], faultsFired: 0)
        #expect(!report.passed)
        #expect(report.rendered().contains { $0.contains("detective ListGraphs: Ignored") })
    }
}
