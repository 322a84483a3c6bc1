import AWSSigning
import JSON
import Testing

@testable import Sandbox

@Suite("Signature and route checks in front of the stand-ins")
struct SignatureCheckTests {
    @Test("a request signed with the scenario's credentials is served")
    func validSignature() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective("/graphs/list", [:])
        #expect(response.status == 200)
        let graphs = try TestScenario.body(response)["GraphList"]?.arrayValue ?? []
        #expect(graphs.count == 3)
        #expect(fixture.host.violations.all.isEmpty)
    }

    @Test("a wrong secret key is refused with InvalidSignatureException and recorded")
    func wrongSignature() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let forged = AWSCredentials(
            accessKeyID: TestScenario.credentials.accessKeyID, secretAccessKey: "not-the-secret")
        let request = TestScenario.signed(
            "POST", "/graphs/list", json: [:], credentials: forged)
        let response = fixture.host.detectiveDoor.handle(request)
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "InvalidSignatureException")
        #expect(try TestScenario.body(response)["message"]?.stringValue != nil)
        #expect(fixture.host.violations.all.map(\.code) == ["InvalidSignatureException"])
    }

    @Test("a region the scenario does not serve is refused")
    func wrongRegion() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective("/graphs/list", [:], region: "eu-west-1")
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "InvalidSignatureException")
        #expect(fixture.host.violations.all.first?.message.contains("region") == true)
    }

    @Test("a Security Hub request signed for Detective is refused")
    func wrongService() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let request = TestScenario.signed(
            "POST", "/findings", json: [:], service: "detective")
        let response = fixture.host.securityHubDoor.handle(request)
        #expect(response.status == 403)
        #expect(try TestScenario.body(response)["Message"]?.stringValue != nil)
        #expect(fixture.host.violations.all.count == 1)
    }

    @Test("an unsigned request gets MissingAuthenticationTokenException")
    func unsigned() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let request = ServerRequest(
            method: "POST", target: "/graphs/list", headers: [ServerHeader("Host", "x")],
            body: Array("{}".utf8))
        let response = fixture.host.detectiveDoor.handle(request)
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException")
    }

    @Test("an unknown path or a wrong method is not an operation")
    func unknownRoute() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let unknown = fixture.detective("/investigations/delete", [:])
        #expect(unknown.status == 404)
        #expect(unknown.header("x-amzn-ErrorType") == "UnknownOperationException")
        let wrongMethod = fixture.host.securityHubDoor.handle(
            TestScenario.signed(
                "POST", "/findings/batchupdate", json: [:], service: "securityhub"))
        #expect(wrongMethod.status == 404)
        #expect(fixture.host.violations.all.count == 2)
    }
}
