import JSON
import Testing

@testable import Sandbox

@Suite("List operations page with NextToken and MaxResults")
struct PaginationTests {
    @Test("ListGraphs pages through the region's graphs one at a time")
    func listGraphs() throws {
        let fixture = try HostFixture(TestScenario.scenario(pageSizes: ["ListGraphs": 1]))
        var seen: [String] = []
        var token: JSONValue? = nil
        repeat {
            var body: [String: JSONValue] = [:]
            if let token { body["NextToken"] = token }
            let page = try TestScenario.body(fixture.detective("/graphs/list", .object(body)))
            let arns = page["GraphList"]?.arrayValue?.compactMap { $0["Arn"]?.stringValue } ?? []
            #expect(arns.count == 1)
            seen += arns
            token = page["NextToken"]
        } while token != nil && seen.count < 10
        #expect(seen == [TestScenario.east, TestScenario.east2, TestScenario.east3])
    }

    @Test("MaxResults bounds a page and a token only works for its own request")
    func listIndicators() throws {
        let fixture = try HostFixture(TestScenario.scenario())
        let start = try TestScenario.body(
            fixture.detective(
                "/investigations/startInvestigation",
                [
                    "GraphArn": .string(TestScenario.east),
                    "EntityArn": .string(TestScenario.alice),
                    "ScopeStartTime": "2024-05-01T00:00:00Z",
                    "ScopeEndTime": "2024-05-01T12:00:00Z",
                ]))
        let id = try #require(start["InvestigationId"])
        for _ in 0..<3 {
            _ = fixture.detective(
                "/investigations/getInvestigation",
                ["GraphArn": .string(TestScenario.east), "InvestigationId": id])
        }

        var count = 0
        var pages = 0
        var token: JSONValue? = nil
        repeat {
            var body: [String: JSONValue] = [
                "GraphArn": .string(TestScenario.east), "InvestigationId": id, "MaxResults": 3,
            ]
            if let token { body["NextToken"] = token }
            let page = try TestScenario.body(
                fixture.detective("/investigations/listIndicators", .object(body)))
            count += page["Indicators"]?.arrayValue?.count ?? 0
            pages += 1
            token = page["NextToken"]
            if pages == 1, let token {
                let misused = fixture.detective(
                    "/graphs/list", ["NextToken": token])
                #expect(misused.status == 400)
            }
        } while token != nil && pages < 10
        #expect(count == 8)
        #expect(pages == 3)
    }

    @Test("GetFindings pages and filters on Id")
    func getFindings() throws {
        let fixture = try HostFixture(TestScenario.scenario(pageSizes: ["GetFindings": 1]))
        let first = try TestScenario.body(fixture.securityHub("POST", "/findings", [:]))
        #expect(first["Findings"]?.arrayValue?.count == 1)
        #expect(first["NextToken"] != nil)
        let byID = try TestScenario.body(
            fixture.securityHub(
                "POST", "/findings",
                [
                    "Filters": [
                        "Id": [["Value": .string(TestScenario.findingID), "Comparison": "EQUALS"]]
                    ]
                ]
            ))
        #expect(byID["Findings"]?[0]?["Id"]?.stringValue == TestScenario.findingID)
        #expect(byID["NextToken"] == nil)
    }
}
