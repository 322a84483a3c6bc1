import JSON
import Testing

@testable import Sandbox

@Suite("Investigations progress as the scenario says")
struct InvestigationTests {
    private func start(
        _ fixture: HostFixture, entity: String, graph: String = TestScenario.east
    ) throws -> String {
        let response = fixture.detective(
            "/investigations/startInvestigation",
            [
                "GraphArn": .string(graph), "EntityArn": .string(entity),
                "ScopeStartTime": "2024-05-01T00:00:00.000Z",
                "ScopeEndTime": "2024-05-01T12:00:00.000Z",
            ])
        return try #require(try TestScenario.body(response)["InvestigationId"]?.stringValue)
    }

    private func get(_ fixture: HostFixture, _ id: String, graph: String = TestScenario.east)
        throws -> JSONValue
    {
        try TestScenario.body(
            fixture.detective(
                "/investigations/getInvestigation",
                ["GraphArn": .string(graph), "InvestigationId": .string(id)]))
    }

    private func indicators(_ fixture: HostFixture, _ id: String) throws -> [JSONValue] {
        try TestScenario.body(
            fixture.detective(
                "/investigations/listIndicators",
                ["GraphArn": .string(TestScenario.east), "InvestigationId": .string(id)]))[
                "Indicators"]?.arrayValue ?? []
    }

    @Test("RUNNING for the scenario's polls, then SUCCESSFUL with its severity and indicators")
    func runningThenSuccessful() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let id = try start(fixture, entity: TestScenario.alice)

        let first = try get(fixture, id)
        #expect(first["Status"] == "RUNNING")
        #expect(first["Severity"] == nil)
        #expect(try indicators(fixture, id).isEmpty)
        #expect(try get(fixture, id)["Status"] == "RUNNING")

        let done = try get(fixture, id)
        #expect(done["Status"] == "SUCCESSFUL")
        #expect(done["Severity"] == "HIGH")
        #expect(done["EntityType"] == "IAM_USER")
        #expect(done["ScopeStartTime"] == "2024-05-01T00:00:00.000Z")
        let types = try indicators(fixture, id).compactMap { $0["IndicatorType"]?.stringValue }
        #expect(Set(types) == Set(DetectiveModel.indicatorTypes))
    }

    @Test("a time-bound investigation runs until its seconds have passed")
    func runningForSeconds() throws {
        let time = TestClock()
        let fixture = try HostFixture(TestScenario.scenario(), clock: time.clock)
        let id = try start(fixture, entity: TestScenario.builder)
        #expect(try get(fixture, id)["Status"] == "RUNNING")
        #expect(try get(fixture, id)["Status"] == "RUNNING")
        time.advance(31)
        let done = try get(fixture, id)
        #expect(done["Status"] == "SUCCESSFUL")
        #expect(done["Severity"] == "INFORMATIONAL")
    }

    @Test("a FAILED investigation and one that never finishes")
    func failedAndStuck() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let failed = try start(fixture, entity: TestScenario.broken)
        #expect(try get(fixture, failed)["Status"] == "FAILED")
        let stuck = try start(fixture, entity: TestScenario.stuck)
        for _ in 0..<20 { #expect(try get(fixture, stuck)["Status"] == "RUNNING") }
    }

    @Test("ListInvestigations filters on EntityArn and Status and sorts by creation")
    func listInvestigations() throws {
        let time = TestClock()
        let fixture = try HostFixture(TestScenario.scenario(), clock: time.clock)
        let older = try start(fixture, entity: TestScenario.stuck)
        time.advance(60)
        let newer = try start(fixture, entity: TestScenario.stuck)
        _ = try start(fixture, entity: TestScenario.alice)

        let list = try TestScenario.body(
            fixture.detective(
                "/investigations/listInvestigations",
                [
                    "GraphArn": .string(TestScenario.east),
                    "FilterCriteria": [
                        "EntityArn": ["Value": .string(TestScenario.stuck)],
                        "Status": ["Value": "RUNNING"],
                    ],
                ]))
        let ids = list["InvestigationDetails"]?.arrayValue?.compactMap {
            $0["InvestigationId"]?.stringValue
        }
        #expect(ids == [newer, older])

        let ascending = try TestScenario.body(
            fixture.detective(
                "/investigations/listInvestigations",
                [
                    "GraphArn": .string(TestScenario.east),
                    "FilterCriteria": [
                        "EntityArn": ["Value": .string(TestScenario.stuck)],
                        "CreatedTime": [
                            "StartInclusive": .string(Timestamp.format(time.clock() - 70)),
                            "EndInclusive": .string(Timestamp.format(time.clock() - 30)),
                        ],
                    ],
                    "SortCriteria": ["Field": "CREATED_TIME", "SortOrder": "ASC"],
                ]))
        #expect(
            ascending["InvestigationDetails"]?.arrayValue?.compactMap {
                $0["InvestigationId"]?.stringValue
            } == [older])
    }

    @Test("a graph of another region is not found in this one")
    func graphOfAnotherRegion() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let response = fixture.detective(
            "/investigations/listInvestigations", ["GraphArn": .string(TestScenario.west)])
        #expect(response.status == 404)
        #expect(response.header("x-amzn-ErrorType") == "ResourceNotFoundException")
        #expect(fixture.host.violations.all.map(\.code) == ["ResourceNotFoundException"])
        let inWest = fixture.detective(
            "/investigations/listInvestigations", ["GraphArn": .string(TestScenario.west)],
            region: "us-west-2")
        #expect(inWest.status == 200)
    }
}
