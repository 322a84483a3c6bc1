import JSON
import Testing

@testable import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Injected faults fire exactly as often as the scenario says")
struct FaultTests {
    @Test("throttling twice, then the call is served")
    func throttleTwice() throws {
        let faults: JSONValue = [
            ["service": "detective", "operation": "ListGraphs", "kind": "throttle", "times": 2]
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        let statuses = (0..<4).map { _ in fixture.detective("/graphs/list", [:]) }
        #expect(statuses.map(\.status) == [429, 429, 200, 200])
        #expect(statuses[0].header("x-amzn-ErrorType") == "TooManyRequestsException")
        #expect(fixture.host.firedFaults.count == 2)
    }

    @Test("Security Hub throttles with LimitExceededException, as its model has it")
    func securityHubThrottle() throws {
        let faults: JSONValue = [
            ["service": "securityhub", "operation": "GetFindings", "kind": "throttle"]
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        let first = fixture.securityHub("POST", "/findings", [:])
        #expect(first.status == 429)
        #expect(try TestScenario.body(first)["Code"] == "LimitExceededException")
        #expect(fixture.securityHub("POST", "/findings", [:]).status == 200)
    }

    @Test("a 503 once, a dropped connection once, a truncated body once, then answers")
    func serverErrorAndDrop() throws {
        let faults: JSONValue = [
            [
                "service": "detective", "operation": "ListGraphs", "kind": "serverError",
                "status": 503,
            ],
            ["service": "detective", "operation": "ListGraphs", "kind": "dropConnection"],
            ["service": "detective", "operation": "ListGraphs", "kind": "truncatedResponse"],
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        let first = fixture.detective("/graphs/list", [:])
        #expect(first.status == 503)
        #expect(fixture.detective("/graphs/list", [:]).dropsConnection)
        #expect(fixture.detective("/graphs/list", [:]).truncatesBody)
        #expect(fixture.detective("/graphs/list", [:]).status == 200)
    }

    @Test("a slow answer arrives after its delay")
    func slow() throws {
        let faults: JSONValue = [
            [
                "service": "detective", "operation": "ListGraphs", "kind": "slow",
                "seconds": 0.3,
            ]
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        let clock = ContinuousClock()
        let started = clock.now
        #expect(fixture.detective("/graphs/list", [:]).status == 200)
        #expect(clock.now - started >= .milliseconds(300))
        let again = clock.now
        _ = fixture.detective("/graphs/list", [:])
        #expect(clock.now - again < .milliseconds(300))
    }

    @Test("unprocessed findings once, then the update is applied")
    func unprocessedOnce() throws {
        let faults: JSONValue = [
            ["service": "securityhub", "operation": "BatchUpdateFindings", "kind": "unprocessed"]
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        let body: JSONValue = [
            "FindingIdentifiers": [
                [
                    "Id": .string(TestScenario.findingID),
                    "ProductArn": .string(TestScenario.productARN),
                ]
            ],
            "UserDefinedFields": ["investigate": "complete"],
        ]
        let first = try TestScenario.body(
            fixture.securityHub("PATCH", "/findings/batchupdate", body))
        #expect(first["UnprocessedFindings"]?[0]?["ErrorCode"] == "ConcurrentUpdateError")
        #expect(first["ProcessedFindings"] == [])
        let second = try TestScenario.body(
            fixture.securityHub("PATCH", "/findings/batchupdate", body))
        #expect(second["ProcessedFindings"]?.arrayValue?.count == 1)
        let stored = fixture.host.securityHub.store.finding(id: TestScenario.findingID)
        #expect(stored?["UserDefinedFields"]?["investigate"] == "complete")
    }

    @Test("an invalid request does not use up a fault")
    func invalidRequestsDoNotCount() throws {
        let faults: JSONValue = [
            ["service": "detective", "operation": "ListGraphs", "kind": "throttle"]
        ]
        let fixture = try HostFixture(TestScenario.scenario(faults: faults))
        #expect(fixture.detective("/graphs/list", ["MaxResults": 0]).status == 400)
        #expect(fixture.detective("/graphs/list", [:]).status == 429)
    }
}
