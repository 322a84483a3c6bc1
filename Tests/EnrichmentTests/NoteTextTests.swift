import AWSClient
import JSON
import Testing

@testable import Enrichment

@Suite("The note written to a finding")
struct NoteTextTests {
    private let id = "174428210107935097857"

    private func result(
        _ outcome: Outcome, severity: String? = "HIGH", region: String = "us-east-2",
        indicators: [JSONValue] = []
    ) throws -> InvestigationResult {
        let entity = try #require(
            IAMEntity(arn: "arn:aws:iam::061039776389:role/GuardDutyTesterStack-Role"))
        let scope = Scope(
            start: try #require(Timestamp(iso8601: "2025-04-09T10:39:20Z")),
            end: try #require(Timestamp(iso8601: "2025-04-10T22:39:20Z")))
        return InvestigationResult(
            outcome: outcome, entity: entity, region: region, scope: scope, investigationID: id,
            severity: severity, reason: outcome == .failed ? "Detective ended it FAILED" : nil,
            indicators: IndicatorSummary(indicators: indicators))
    }

    @Test(
        "the verdict follows the severity",
        arguments: [
            ("INFORMATIONAL", "No uncommon behaviour observed"),
            ("LOW", "No uncommon behaviour observed"),
            ("MEDIUM", "Anomalous behaviour observed that might indicate compromise"),
            ("HIGH", "Anomalous behaviour observed indicating potential compromise"),
            ("CRITICAL", "Anomalous behaviour observed indicating potential compromise"),
        ])
    func verdicts(severity: String, verdict: String) throws {
        let body = NoteText.body(for: try result(.complete, severity: severity))
        #expect(
            body.hasPrefix("\(verdict) (Detective severity \(severity)). Detective investigated"))
        #expect(body.contains("IAM role GuardDutyTesterStack-Role over a 36 h window"))
    }

    @Test("the console link per partition")
    func links() {
        #expect(
            NoteText.reportLink(region: "us-east-2", investigationID: id)
                == "https://us-east-2.console.aws.amazon.com/detective/home?region=us-east-2"
                + "#investigationReport/\(id)")
        #expect(
            NoteText.reportLink(region: "us-gov-west-1", investigationID: id)
                == "https://us-gov-west-1.console.amazonaws-us-gov.com/detective/home"
                + "?region=us-gov-west-1#investigationReport/\(id)")
        #expect(
            NoteText.reportLink(region: "cn-north-1", investigationID: id)
                == "https://cn-north-1.console.amazonaws.cn/detective/home?region=cn-north-1"
                + "#investigationReport/\(id)")
        #expect(NoteText.reportLink(region: "us-east-2", investigationID: "12/../x") == nil)
    }

    @Test("a 2000-character summary with multi-byte text: at most 512, the link whole and last")
    func longSummary() throws {
        let agents: [JSONValue] = (0..<40).map { index in
            [
                "IndicatorType": "NEW_USER_AGENT",
                "IndicatorDetail": [
                    "NewUserAgentDetail": [
                        "UserAgent": .string(
                            "агент-\(index) 👩‍💻 " + String(repeating: "é", count: 40))
                    ]
                ],
            ]
        }
        let investigation = try result(.complete, indicators: agents)
        let body = NoteText.body(for: investigation)
        #expect(body.count > 2000)
        let link = try #require(NoteText.reportLink(region: "us-east-2", investigationID: id))

        let note = NoteText.fitted(body: body, link: link, limit: NoteText.noteLimit)
        #expect(note.utf16.count <= 512)
        #expect(note.count <= 512)
        #expect(note.hasSuffix(" " + link))
        #expect(note.contains("… "))
        #expect(note.utf8.count > 512, "multi-byte characters are counted as characters")
        let kept = note.dropLast(link.count + 2)
        #expect(body.hasPrefix(kept), "cut on a character boundary, nothing rewritten")
    }

    @Test("a family emoji is never split")
    func graphemeBoundary() {
        let family = "👨‍👩‍👧‍👦"
        let text = String(repeating: family, count: 10)
        let cut = NoteText.cut(text, to: 30)
        #expect(cut.utf16.count <= 30)
        #expect(cut.dropLast().allSatisfy { String($0) == family })
        #expect(cut.hasSuffix("…"))
        #expect(NoteText.cut("short", to: 30) == "short")
    }

    @Test("running and failed notes say so")
    func runningAndFailed() throws {
        #expect(
            NoteText.body(for: try result(.running)).hasPrefix(
                "Detective is still investigating the IAM role GuardDutyTesterStack-Role"))
        #expect(
            NoteText.body(for: try result(.failed))
                == "Detective investigation of the IAM role GuardDutyTesterStack-Role failed: "
                + "Detective ended it FAILED.")
    }
}
