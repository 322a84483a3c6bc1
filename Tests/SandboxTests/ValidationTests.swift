import JSON
import Testing

@testable import Sandbox

@Suite("Request bodies are checked against the model's input shapes")
struct ValidationTests {
    private func start(_ overrides: [String: JSONValue]) -> JSONValue {
        var body: [String: JSONValue] = [
            "GraphArn": .string(TestScenario.east), "EntityArn": .string(TestScenario.alice),
            "ScopeStartTime": "2024-05-01T00:00:00.000Z",
            "ScopeEndTime": "2024-05-02T00:00:00.000Z",
        ]
        for (key, value) in overrides { body[key] = value }
        return .object(body.filter { $0.value != .null })
    }

    @Test("a valid StartInvestigation returns a 21-digit investigation ID")
    func valid() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective("/investigations/startInvestigation", start([:]))
        #expect(response.status == 200)
        let id = try #require(try TestScenario.body(response)["InvestigationId"]?.stringValue)
        #expect(id.count == 21 && id.allSatisfy(\.isNumber))
        #expect(fixture.host.violations.all.isEmpty)
    }

    @Test("an epoch number where the model wants an ISO 8601 string is refused")
    func epochTimestamp() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation", start(["ScopeStartTime": 1_714_521_600]))
        #expect(response.status == 400)
        #expect(response.header("x-amzn-ErrorType") == "ValidationException")
        let message = try TestScenario.body(response)["message"]?.stringValue ?? ""
        #expect(message.contains("ScopeStartTime") && message.contains("ISO 8601"))
        #expect(fixture.host.violations.all.map(\.operation) == ["StartInvestigation"])
    }

    @Test("a missing required member is refused")
    func missingMember() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation", start(["EntityArn": .null]))
        #expect(response.status == 400)
        let message = try TestScenario.body(response)["message"]?.stringValue ?? ""
        #expect(message.contains("EntityArn") && message.contains("must not be null"))
    }

    @Test("a graph ARN that breaks the model's pattern is refused")
    func badGraphARN() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation",
            start(["GraphArn": "arn:aws:detective:us-east-1:111122223333:graph:XYZ"]))
        #expect(response.status == 400)
        #expect(
            try TestScenario.body(response)["message"]?.stringValue?.contains("pattern") == true)
    }

    @Test("an entity that is not an IAM user or role is refused")
    func notIAM() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation",
            start(["EntityArn": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"]))
        #expect(response.status == 400)
    }

    @Test("a scope that ends before it starts is refused")
    func reversedScope() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation",
            start(["ScopeEndTime": "2024-04-01T00:00:00Z"]))
        #expect(response.status == 400)
    }

    @Test("an unknown member is served, as AWS does, but reported")
    func unknownMember() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/startInvestigation", start(["EntityARN": "typo"]))
        #expect(response.status == 200)
        #expect(fixture.host.violations.all.map(\.code) == ["Ignored"])
    }

    @Test("an enum value outside the model's set is refused")
    func badEnum() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/listInvestigations",
            [
                "GraphArn": .string(TestScenario.east),
                "SortCriteria": ["Field": "NAME", "SortOrder": "ASC"],
            ])
        #expect(response.status == 400)
    }

    @Test("a body that is not JSON is refused")
    func notJSON() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let request = TestScenario.signed("POST", "/graphs/list", body: Array("{".utf8))
        #expect(fixture.host.detectiveDoor.handle(request).status == 400)
    }
}
