import AWSClient
import JSON
import Testing

@testable import Enrichment

@Suite("Detective operations as the API model names them")
struct DetectiveTests {
    private let graph = FakeAWS.graphARN("eu-west-1")
    private let deadline = ContinuousClock.now + .seconds(60)

    private func detective(_ aws: FakeAWS, region: String = "eu-west-1") -> Detective {
        Detective(aws: aws, region: region, deadline: deadline)
    }

    @Test("StartInvestigation: path, method, members and millisecond UTC times")
    func startInvestigation() async throws {
        let aws = FakeAWS()
        let scope = Scope(
            start: try #require(Timestamp(iso8601: "2026-12-02T17:29:36.123Z")),
            end: try #require(Timestamp(iso8601: "2026-12-03T17:29:36Z")))
        let id = try await detective(aws).startInvestigation(
            graphARN: graph, entityARN: "arn:aws:iam::111122223333:role/R", scope: scope)
        #expect(id == FakeAWS.investigationID(1))

        let call = try #require(aws.calls.first)
        #expect(call.service == .detective)
        #expect(call.region == "eu-west-1")
        #expect(call.method == "POST")
        #expect(call.path == "/investigations/startInvestigation")
        #expect(
            call.body == [
                "GraphArn": .string(graph), "EntityArn": "arn:aws:iam::111122223333:role/R",
                "ScopeStartTime": "2026-12-02T17:29:36.123Z",
                "ScopeEndTime": "2026-12-03T17:29:36.000Z",
            ])
    }

    @Test("an answer without a valid investigation id is an invalid response")
    func invalidID() async throws {
        let aws = FakeAWS()
        aws.script("StartInvestigation", [.answer(["InvestigationId": "../../etc"])])
        await #expect(throws: AWSError.self) {
            _ = try await detective(aws).startInvestigation(
                graphARN: graph, entityARN: "arn:aws:iam::111122223333:role/R",
                scope: Scope(start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1)))
        }
    }

    @Test("ListGraphs reads every page, drops malformed ARNs and puts the oldest first")
    func listGraphsPages() async throws {
        let aws = FakeAWS()
        let newer =
            "arn:aws:detective:eu-west-1:111122223333:graph:ffffffffffffffffffffffffffffffff"
        aws.script(
            "ListGraphs",
            [
                .answer([
                    "GraphList": [
                        ["Arn": .string(newer), "CreatedTime": "2024-01-01T00:00:00Z"],
                        ["Arn": "arn:aws:detective:eu-west-1:1:graph:nothex"],
                    ],
                    "NextToken": "page-2",
                ]),
                .answer([
                    "GraphList": [["Arn": .string(graph), "CreatedTime": "2020-01-01T00:00:00Z"]]
                ]),
            ])
        let graphs = try await detective(aws).listGraphs()
        #expect(graphs == [graph, newer])
        let calls = aws.calls("ListGraphs")
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { $0.path == "/graphs/list" && $0.method == "POST" })
        #expect(calls[0].body?["NextToken"] == nil)
        #expect(calls[0].body?["MaxResults"] == 200)
        #expect(calls[1].body?["NextToken"] == "page-2")
    }

    @Test("ListIndicators reads every page; a repeated token ends the loop")
    func listIndicatorsPages() async throws {
        let aws = FakeAWS()
        let page: JSONValue = ["Indicators": [["IndicatorType": "NEW_ASO"]], "NextToken": "same"]
        aws.script("ListIndicators", [.answer(page)])
        let indicators = try await detective(aws).listIndicators(
            graphARN: graph, investigationID: FakeAWS.investigationID(7))
        #expect(indicators.count == 2)
        let calls = aws.calls("ListIndicators")
        #expect(calls.count == 2)
        #expect(calls[0].path == "/investigations/listIndicators")
        #expect(calls[0].body?["GraphArn"] == .string(graph))
        #expect(calls[0].body?["InvestigationId"] == .string(FakeAWS.investigationID(7)))
        #expect(calls[0].body?["MaxResults"] == 100)
    }

    @Test("ListInvestigations filters on the entity, newest first")
    func listInvestigations() async throws {
        let aws = FakeAWS()
        aws.script(
            "ListInvestigations",
            [
                .answer([
                    "InvestigationDetails": [
                        [
                            "InvestigationId": .string(FakeAWS.investigationID(3)),
                            "Status": "RUNNING", "EntityArn": "arn:aws:iam::111122223333:role/R",
                        ],
                        ["InvestigationId": "bad", "Status": "RUNNING"],
                    ]
                ])
            ])
        let found = try await detective(aws).listInvestigations(
            graphARN: graph, entityARN: "arn:aws:iam::111122223333:role/R",
            filter: ["Status": ["Value": "RUNNING"]])
        #expect(
            found == [
                InvestigationListing(investigationID: FakeAWS.investigationID(3), status: "RUNNING")
            ])
        let body = try #require(aws.calls.first?.body)
        #expect(aws.calls.first?.path == "/investigations/listInvestigations")
        #expect(
            body["FilterCriteria"] == [
                "EntityArn": ["Value": "arn:aws:iam::111122223333:role/R"],
                "Status": ["Value": "RUNNING"],
            ])
        #expect(body["SortCriteria"] == ["Field": "CREATED_TIME", "SortOrder": "DESC"])
    }
}

@Suite("Choosing the behavior graph")
struct GraphDirectoryTests {
    private let deadline = ContinuousClock.now + .seconds(60)

    @Test("DETECTIVE_GRAPH_ARN in its own region is used without asking")
    func configured() async throws {
        let aws = FakeAWS()
        let configured = FakeAWS.graphARN("us-east-1", account: "999988887777")
        let directory = GraphDirectory(configuredGraphARN: configured)
        let found = try await directory.graph(
            for: Detective(aws: aws, region: "us-east-1", deadline: deadline))
        #expect(found == configured)
        #expect(aws.calls.isEmpty)

        let elsewhere = try await directory.graph(
            for: Detective(aws: aws, region: "eu-west-1", deadline: deadline))
        #expect(elsewhere == FakeAWS.graphARN("eu-west-1"))
        #expect(aws.calls("ListGraphs").map(\.region) == ["eu-west-1"])
    }

    @Test("a graph found is remembered; no graph is asked again next time")
    func cache() async throws {
        let aws = FakeAWS()
        let directory = GraphDirectory(configuredGraphARN: nil)
        let detective = Detective(aws: aws, region: "eu-west-1", deadline: deadline)
        _ = try await directory.graph(for: detective)
        _ = try await directory.graph(for: detective)
        #expect(aws.calls("ListGraphs").count == 1)

        aws.script("ListGraphs", [.answer(["GraphList": []])])
        let none = Detective(aws: aws, region: "ap-south-1", deadline: deadline)
        #expect(try await directory.graph(for: none) == nil)
        #expect(try await directory.graph(for: none) == nil)
        #expect(aws.calls("ListGraphs").count == 3)
    }
}
