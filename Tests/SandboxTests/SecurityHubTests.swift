import JSON
import Testing

@testable import Sandbox

@Suite("BatchUpdateFindings validates, applies and records updates")
struct SecurityHubTests {
    private let identifier: JSONValue = [
        "Id": .string(TestScenario.findingID), "ProductArn": .string(TestScenario.productARN),
    ]

    private func update(_ fixture: HostFixture, _ body: JSONValue) -> ServerResponse {
        fixture.securityHub("PATCH", "/findings/batchupdate", body)
    }

    @Test("a note and fields are applied, merged over existing fields, and read back")
    func appliesNoteAndFields() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = update(
            fixture,
            [
                "FindingIdentifiers": [identifier],
                "Note": ["Text": "Investigated.", "UpdatedBy": "InvestigateWithDetective"],
                "UserDefinedFields": ["investigate": "complete"],
            ])
        #expect(response.status == 200)
        let body = try TestScenario.body(response)
        #expect(body["ProcessedFindings"] == [identifier])
        #expect(body["UnprocessedFindings"] == [])

        let read = try TestScenario.body(
            fixture.securityHub(
                "POST", "/findings",
                [
                    "Filters": [
                        "Id": [["Value": .string(TestScenario.findingID), "Comparison": "EQUALS"]]
                    ]
                ]
            ))
        let finding = try #require(read["Findings"]?[0])
        #expect(finding["Note"]?["Text"] == "Investigated.")
        #expect(finding["Note"]?["UpdatedBy"] == "InvestigateWithDetective")
        #expect(finding["UserDefinedFields"] == ["owner": "team-a", "investigate": "complete"])
        #expect(fixture.host.securityHub.store.history.count == 1)
    }

    @Test("in replace mode the fields sent become the whole map")
    func replaceMode() throws {
        let fixture = try HostFixture(TestScenario.scenario(fieldsUpdate: "replace"))
        _ = update(
            fixture,
            ["FindingIdentifiers": [identifier], "UserDefinedFields": ["investigate": "skipped"]])
        let finding = fixture.host.securityHub.store.finding(id: TestScenario.findingID)
        #expect(finding?["UserDefinedFields"] == ["investigate": "skipped"])
    }

    @Test("an unknown finding comes back in UnprocessedFindings with a code and message")
    func unknownFinding() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let ghost: JSONValue = ["Id": "nope", "ProductArn": .string(TestScenario.productARN)]
        let body = try TestScenario.body(
            update(
                fixture,
                [
                    "FindingIdentifiers": [identifier, ghost],
                    "UserDefinedFields": ["investigate": "failed"],
                ]))
        #expect(body["ProcessedFindings"] == [identifier])
        let unprocessed = try #require(body["UnprocessedFindings"]?[0])
        #expect(unprocessed["FindingIdentifier"] == ghost)
        #expect(unprocessed["ErrorCode"] == "FindingNotFound")
        #expect(unprocessed["ErrorMessage"]?.stringValue?.isEmpty == false)
    }

    @Test(
        "invalid requests are refused with InvalidInputException",
        arguments: [
            "no identifiers", "empty list", "101 findings", "long note", "no UpdatedBy",
            "no ProductArn",
        ])
    func invalid(_ kind: String) throws {
        let identifier = self.identifier
        let note: JSONValue = ["Text": "ok", "UpdatedBy": "me"]
        let body: JSONValue =
            switch kind {
            case "no identifiers": ["Note": note]
            case "empty list": ["FindingIdentifiers": [], "Note": note]
            case "101 findings":
                [
                    "FindingIdentifiers": .array(Array(repeating: identifier, count: 101)),
                    "Note": note,
                ]
            case "long note":
                [
                    "FindingIdentifiers": [identifier],
                    "Note": [
                        "Text": .string(String(repeating: "x", count: 513)), "UpdatedBy": "me",
                    ],
                ]
            case "no UpdatedBy": ["FindingIdentifiers": [identifier], "Note": ["Text": "ok"]]
            default: ["FindingIdentifiers": [["Id": "x"]], "Note": note]
            }
        let fixture = try HostFixture(TestScenario.scenario())
        let response = update(fixture, body)
        #expect(response.status == 400)
        #expect(response.header("x-amzn-ErrorType") == "InvalidInputException")
        #expect(try TestScenario.body(response)["Code"] == "InvalidInputException")
        #expect(fixture.host.securityHub.store.history.isEmpty)
        #expect(fixture.host.violations.all.count == 1)
    }

    @Test("a note of exactly 512 characters is accepted")
    func longestNote() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let text = String(repeating: "é", count: 512)
        let response = update(
            fixture,
            [
                "FindingIdentifiers": [identifier],
                "Note": ["Text": .string(text), "UpdatedBy": "me"],
            ])
        #expect(response.status == 200)
    }
}
