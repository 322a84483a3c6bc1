import Foundation
import JSON
import Testing

@testable import Sandbox

@Suite("Scenario files are read and checked")
struct ScenarioTests {
    @Test("the test scenario reads with its regions, graphs and behaviours")
    func reads() throws {
        let scenario = try TestScenario.scenario()
        #expect(scenario.detectiveRegions == ["us-east-1", "us-west-2"])
        #expect(scenario.graphs.count == 4)
        #expect(scenario.investigations.first?.runningPolls == 2)
        #expect(scenario.userDefinedFieldsUpdate == .merge)
    }

    @Test("an indicator whose detail does not match its type names the path")
    func mismatchedIndicator() throws {
        var document = TestScenario.document()
        guard case .object(var root) = document else { return }
        root["investigations"] = [
            [
                "entityArn": .string(TestScenario.alice),
                "indicators": [
                    [
                        "IndicatorType": "NEW_ASO",
                        "IndicatorDetail": ["NewUserAgentDetail": ["UserAgent": "x"]],
                    ]
                ],
            ]
        ]
        document = .object(root)
        #expect {
            try Scenario(json: document.encoded())
        } throws: { error in
            (error as? ScenarioError)?.path == "investigations[0].indicators[0]"
        }
    }

    @Test("an event naming a finding the store lacks is refused")
    func unknownFinding() throws {
        guard case .object(var root) = TestScenario.document() else { return }
        root["events"] = [["detailType": .string(EventEnvelope.imported), "findings": ["nope"]]]
        #expect(throws: ScenarioError.self) {
            try Scenario(json: JSONValue.object(root).encoded())
        }
    }

    @Test("a custom-action envelope names the action and carries the findings")
    func customActionEnvelope() throws {
        let scenario = try TestScenario.scenario()
        let event = ScenarioEvent(
            detailType: EventEnvelope.customAction, findingIDs: [TestScenario.findingID],
            region: nil, actionName: "investigate", rawEnvelope: nil)
        let envelope = EventEnvelope.build(
            event, findings: scenario.findings, account: "111122223333",
            defaultRegion: "us-east-1", id: "e1", time: 0)
        #expect(envelope["source"] == "aws.securityhub")
        #expect(envelope["detail-type"] == .string(EventEnvelope.customAction))
        #expect(envelope["detail"]?["actionName"] == "investigate")
        #expect(
            envelope["resources"]?[0]
                == "arn:aws:securityhub:us-east-1:111122223333:action/custom/investigate")
        #expect(envelope["detail"]?["findings"]?.arrayValue?.count == 2)
        #expect(envelope["time"] == "1970-01-01T00:00:00Z")
    }

    @Test("every scenario shipped in scenarios/ reads")
    func shippedScenarios() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".json") }
        #expect(files.contains("demo.json"))
        for file in files {
            let scenario = try Scenario(contentsOfFile: root.appendingPathComponent(file).path)
            #expect(!scenario.expected.isEmpty, "\(file) expects nothing")
            #expect(!scenario.events.isEmpty, "\(file) sends nothing")
        }
    }
}
