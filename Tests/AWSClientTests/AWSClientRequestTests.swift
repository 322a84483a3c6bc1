import AWSClient
import AWSSigning
import FoundationEssentials
import JSON
import Sandbox
import Testing

@Suite("AWSClient request and answer")
struct AWSClientRequestTests {
    @Test("the request on the wire is a signed rest-json POST for the call's service and region")
    func requestOnTheWire() async throws {
        let harness = try Harness { _, _ in .json(["GraphList": []]) }
        let call = AWSCall(
            service: .securityHub, region: "us-east-1", operation: "BatchUpdateFindings",
            method: "PATCH", path: "/findings/batchupdate",
            body: ["FindingIdentifiers": [["Id": "f-1", "ProductArn": "arn:aws:p"]]])

        let answer = try await harness.client.perform(call, deadline: nil)

        #expect(answer == ["GraphList": []])
        let request = try #require(harness.requests.first)
        #expect(harness.requests.count == 1)
        #expect(request.method == "PATCH")
        #expect(request.path == "/findings/batchupdate")
        #expect(request.header("Host") == "127.0.0.1:\(harness.server.port)")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.body == call.body?.encoded())
        #expect(request.header("X-Amz-Security-Token") == TestSecrets.sessionToken)
        let date = try #require(request.header("X-Amz-Date"))
        let day = date.prefix(8)
        let authorization = try #require(request.header("Authorization"))
        #expect(
            authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=\(TestSecrets.accessKeyID)/\(day)/us-east-1/"
                    + "securityhub/aws4_request, SignedHeaders="))
        #expect(authorization.contains("x-amz-security-token"))
        #expect(verify(request, service: "securityhub", region: "us-east-1"))
        #expect(!verify(request, service: "detective", region: "us-east-1"))
        #expect(!verify(request, service: "securityhub", region: "eu-west-2"))
    }

    @Test("an override's path prefix is kept on the wire")
    func pathPrefix() async throws {
        let harness = try Harness(environment: [:]) { _, _ in .json([:]) }
        let prefixed = try Harness(
            environment: ["AWS_ENDPOINT_URL_DETECTIVE": harness.server.baseURL + "/stage/"]
        ) { _, _ in .json([:]) }

        _ = try await prefixed.client.perform(.listGraphs, deadline: nil)

        #expect(prefixed.requests.isEmpty)
        #expect(harness.requests.first?.path == "/stage/graphs/list")
        let request = try #require(harness.requests.first)
        #expect(verify(request, service: "detective", region: "eu-west-2"))
    }

    @Test("an empty answer body is an empty object; a call without a body sends none")
    func emptyBodies() async throws {
        let harness = try Harness { _, _ in ServerResponse(status: 200) }
        let call = AWSCall(
            service: .detective, region: "eu-west-2", operation: "GetThing", method: "GET",
            path: "/thing?id=a%2Fb", body: nil)

        let answer = try await harness.client.perform(call, deadline: nil)

        #expect(answer == .object([:]))
        let request = try #require(harness.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/thing")
        #expect(request.query == "id=a%2Fb")
        #expect(request.body.isEmpty)
        #expect(request.header("Content-Type") == nil)
    }

    @Test("a success whose body is not JSON is an invalid response, not retried")
    func invalidJSON() async throws {
        let harness = try Harness { _, _ in .text("<html>") }
        let error = try #require(await harness.failure())
        #expect(error.code == .invalidResponse)
        #expect(!error.isRetryable)
        #expect(harness.requests.count == 1)
    }

    @Test("a call for a region that is not one never leaves the process")
    func invalidCallRegion() async throws {
        let harness = try Harness { _, _ in .json([:]) }
        var call = AWSCall.listGraphs
        call.region = "eu-west-2.evil.com"
        let error = try #require(await harness.failure(of: call))
        #expect(error.code == .configuration)
        #expect(harness.requests.isEmpty)
    }

    @Test(
        "errors are decoded from the header or the body, trimmed as botocore trims them",
        arguments: [
            (
                ServerResponse.json(
                    status: 400, ["message": "bad input"],
                    headers: [ServerHeader("x-amzn-ErrorType", "ValidationException:http://x/")]),
                "ValidationException", "bad input"
            ),
            (
                ServerResponse.json(
                    status: 403,
                    ["__type": "com.amazonaws.detective#AccessDeniedException", "Message": "no"]),
                "AccessDeniedException", "no"
            ),
            (
                ServerResponse.json(status: 404, ["code": "ResourceNotFoundException"]),
                "ResourceNotFoundException", "the service answered HTTP 404 without a message"
            ),
            (
                ServerResponse.json(
                    status: 409, ["Code": "ConflictException", "message": "lower wins"]),
                "ConflictException", "lower wins"
            ),
        ])
    func errorTable(response: ServerResponse, code: String, message: String) async throws {
        let harness = try Harness { _, _ in response }
        let error = try #require(await harness.failure())
        #expect(error.code == .serviceError)
        #expect(error.service == .detective)
        #expect(error.operation == "ListGraphs")
        #expect(error.status == response.status)
        #expect(error.awsCode == code)
        #expect(error.message == message)
        #expect(!error.isRetryable)
        #expect(harness.requests.count == 1)
    }

    /// True when the independent verifier accepts the request as received.
    private func verify(_ request: ServerRequest, service: String, region: String) -> Bool {
        let verifier = SigV4Verifier(
            service: service, region: region,
            known: [
                AWSCredentials(
                    accessKeyID: TestSecrets.accessKeyID,
                    secretAccessKey: TestSecrets.secretAccessKey,
                    sessionToken: TestSecrets.sessionToken)
            ])
        let received = SigningRequest(
            method: request.method, path: request.path, query: request.query,
            headers: request.headers.map { ($0.name, $0.value) }, body: request.body)
        switch verifier.verify(received, now: Date()) {
        case .success: return true
        case .failure: return false
        }
    }
}
