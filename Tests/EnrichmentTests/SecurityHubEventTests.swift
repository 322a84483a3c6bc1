import JSON
import Testing

@testable import Enrichment

@Suite("Reading the EventBridge envelope and its findings")
struct SecurityHubEventTests {
    @Test("the public GuardDuty IAM event is read with its one finding")
    func readsPositiveEvent() throws {
        let event = try SecurityHubEvent(
            bytes: Fixtures.bytes("events/event-securityhub-iamkey-finding-action.json"))
        #expect(event.region == "us-east-1")
        #expect(event.findings.count == 1)
        let finding = try event.findings[0].get()
        #expect(
            finding.identifier.productARN == "arn:aws:securityhub:us-east-1::product/aws/guardduty")
        #expect(finding.isGuardDuty)
        #expect(finding.productName == nil)
        #expect(finding.severityLabel == "MEDIUM")
        #expect(finding.firstObservedAt?.iso8601 == "2019-06-12T15:11:20.000Z")
        #expect(finding.resources.first?.accessKey?.userName == "kapil")
    }

    @Test("an Insight Results event is UnsupportedEvent, not InvalidEvent")
    func insightResults() throws {
        let bytes = try Fixtures.bytes("events/event-securityhub-insight-2.json")
        #expect(throws: EnrichmentError.self) { try SecurityHubEvent(bytes: bytes) }
        do {
            _ = try SecurityHubEvent(bytes: bytes)
        } catch {
            #expect(error.code == .unsupportedEvent)
            #expect(error.message.contains("Security Hub Insight Results"))
        }
    }

    @Test(
        "bytes that are not a findings event are rejected with the right code",
        arguments: [
            ("not json", EnrichmentError.Code.invalidEvent),
            ("[1,2]", .invalidEvent),
            (#"{"a":1}"#, .invalidEvent),
            (#"{"source":"aws.securityhub","detail":{"findings":[]}}"#, .invalidEvent),
            (
                #"{"source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{}}"#,
                .unsupportedEvent
            ),
            (
                #"{"source":"aws.securityhub","detail-type":"Findings Imported V2","detail":{}}"#,
                .unsupportedEvent
            ),
            (
                #"{"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported"}"#,
                .invalidEvent
            ),
            (
                #"{"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported","#
                    + #""detail":{"findings":{}}}"#, .invalidEvent
            ),
        ])
    func rejectsEnvelopes(text: String, code: EnrichmentError.Code) {
        do {
            _ = try SecurityHubEvent(bytes: Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test("several findings are all read, and a bad entry does not sink the others")
    func badEntryIsolated() throws {
        let good = try Fixtures.modernFinding()
        let noId = good.removing(["Id"])
        let badTime = good.setting(["FirstObservedAt"], to: "yesterday")
        let badResources = good.setting(["Resources"], to: "none")
        let event = try SecurityHubEvent(
            bytes: Fixtures.event(findings: [good, noId, 42, badTime, badResources]))
        #expect(event.findings.count == 5)
        #expect((try? event.findings[0].get()) != nil)

        guard case .failure(let missing) = event.findings[1] else {
            Issue.record("a finding without Id was read")
            return
        }
        #expect(missing.identifier == nil)
        guard case .failure(let notObject) = event.findings[2] else {
            Issue.record("a number was read as a finding")
            return
        }
        #expect(notObject.reason.contains("not an object"))
        guard case .failure(let time) = event.findings[3] else {
            Issue.record("a bad FirstObservedAt was accepted")
            return
        }
        #expect(time.identifier?.id == good["Id"]?.stringValue)
        #expect(time.reason == "finding.FirstObservedAt is not an ISO 8601 time")
        guard case .failure(let resources) = event.findings[4] else {
            Issue.record("Resources that are not a list were accepted")
            return
        }
        #expect(resources.reason == "finding.Resources is not a list")
    }

    @Test("fields we do not use may have any shape")
    func toleratesUnusedFields() throws {
        let finding = try Fixtures.modernFinding()
            .setting(["Types"], to: 7)
            .setting(["ProductFields"], to: "flattened")
            .setting(["Resources", 0, "Tags"], to: [1, 2])
        let event = try SecurityHubEvent(bytes: Fixtures.event(findings: [finding]))
        let read = try event.findings[0].get()
        #expect(read.resources.count == 2)
        #expect(read.resources[0].accessKey?.principalType == "Unknown")
    }

    @Test("the note, the fields and the severity label are read")
    func readsNoteAndFields() throws {
        let enrichment = try Fixtures.json("findings/finding_enrichment.json")
        let finding = try #require(enrichment["SecurityHubFinding"])
            .setting(["UserDefinedFields"], to: ["team": "blue"])
        let read = try Finding(json: finding)
        #expect(read.note?.text == "Scenario 1")
        #expect(read.note?.updatedBy == "061039776389")
        #expect(read.userDefinedFields == ["team": "blue"])
        #expect(read.severityLabel == "MEDIUM")
        #expect(read.region == "us-east-2")
    }
}
