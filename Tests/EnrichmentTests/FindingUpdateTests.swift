import JSON
import Testing

@testable import Enrichment

@Suite("The note and fields written back")
struct FindingUpdateTests {
    private let functionName = "InvestigateWithDetective"
    private let id = "174583889307383816455"

    private func investigation(_ outcome: Outcome, id: String?) throws -> InvestigationResult {
        InvestigationResult(
            outcome: outcome,
            entity: try #require(IAMEntity(arn: "arn:aws:iam::061039776389:role/Role8C6B06EB")),
            region: "us-east-2",
            scope: Scope(
                start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 86_400_000)),
            investigationID: id, severity: outcome == .complete ? "CRITICAL" : nil,
            reason: outcome == .failed ? "AccessDeniedException" : nil,
            indicators: outcome == .complete
                ? IndicatorSummary(indicators: [["IndicatorType": "NEW_ASO"]]) : nil)
    }

    private func update(
        _ findingJSON: JSONValue, _ outcome: Outcome, id: String?, reason: String? = nil
    ) throws -> FindingUpdate {
        let investigation = outcome == .skipped ? nil : try self.investigation(outcome, id: id)
        let result = FindingResult(
            identifier: nil, outcome: outcome, investigation: investigation,
            reason: reason ?? investigation?.reason)
        return FindingUpdate(
            finding: try Finding(json: findingJSON), result: result, functionName: functionName)
    }

    @Test("someone else's note is kept; our text goes to detective_summary with the link")
    func foreignNoteKept() throws {
        let finding = try #require(
            Fixtures.json("findings/finding_enrichment.json")["SecurityHubFinding"])
        let update = try update(finding, .complete, id: id)
        #expect(update.payload.note == nil)
        #expect(update.payload.requestMembers["Note"] == nil)
        let summary = try #require(update.payload.fields["detective_summary"])
        #expect(summary.count <= 1024)
        #expect(summary.hasPrefix("Anomalous behaviour observed indicating potential compromise"))
        #expect(summary.hasSuffix("#investigationReport/\(id)"))
        #expect(update.payload.fields["investigate"] == "complete")
        #expect(update.payload.fields["detective_severity"] == "CRITICAL")
        #expect(update.payload.fields["detective_indicators"] == "NEW_ASO")
        #expect(update.payload.fields["detective_investigation_id"] == id)
    }

    @Test("our own earlier note, or none, is written with UpdatedBy naming the function")
    func ourNoteReplaced() throws {
        let base = try #require(
            Fixtures.json("findings/finding_enrichment.json")["SecurityHubFinding"])
        let ours = base.setting(["Note", "UpdatedBy"], to: .string(functionName))
        for finding in [ours, base.removing(["Note"])] {
            let update = try update(finding, .running, id: id)
            let note = try #require(update.payload.note)
            #expect(note.updatedBy == functionName)
            #expect(note.text.count <= 512)
            #expect(
                note.text.hasSuffix(
                    "https://us-east-2.console.aws.amazon.com/detective/home?region=us-east-2"
                        + "#investigationReport/\(id)"))
            #expect(update.payload.fields["detective_summary"] == nil)
            #expect(update.payload.fields["investigate"] == "running")
            #expect(update.payload.requestMembers["Note"]?["UpdatedBy"] == .string(functionName))
        }
    }

    @Test("the finding's own fields are kept and ours merged over them")
    func fieldsMerged() throws {
        let finding = try Fixtures.modernFinding().setting(
            ["UserDefinedFields"],
            to: ["investigate": "true", "owner": "team-blue", "detective_reason": "old"])
        let update = try update(finding, .complete, id: id)
        #expect(update.payload.fields["owner"] == "team-blue")
        #expect(update.payload.fields["investigate"] == "complete")
        #expect(update.payload.fields["detective_reason"] == "old", "a field cannot be deleted")
    }

    @Test("a skipped finding gets fields only, with the reason")
    func skippedFieldsOnly() throws {
        let update = try update(
            Fixtures.modernFinding(), .skipped, id: nil, reason: "not a GuardDuty finding")
        #expect(update.payload.note == nil)
        #expect(
            update.payload.fields == [
                "investigate": "skipped", "detective_reason": "not a GuardDuty finding",
            ])
    }

    @Test("a failure before any investigation has a note without a link, and the reason")
    func failedWithoutInvestigation() throws {
        let update = try update(Fixtures.modernFinding(), .failed, id: nil)
        let note = try #require(update.payload.note)
        #expect(!note.text.contains("https://"))
        #expect(note.text.contains("AccessDeniedException"))
        #expect(update.payload.fields["detective_reason"] == "AccessDeniedException")
        #expect(update.payload.fields["detective_investigation_id"] == nil)
    }

    @Test("a reason longer than a field allows is cut to 1024 characters")
    func longReason() throws {
        let reason = String(repeating: "ü", count: 3000)
        let update = try update(Fixtures.modernFinding(), .skipped, id: nil, reason: reason)
        let field = try #require(update.payload.fields["detective_reason"])
        #expect(field.count == 1024)
        #expect(field.hasSuffix("…"))
    }
}
