import Logging
import Testing

@testable import LambdaRuntime

@Suite("LambdaContext")
struct LambdaContextTests {
    private func headers(_ pairs: [String: String]) -> (String) -> String? {
        { name in pairs.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    @Test("every header of GET next lands in the context")
    func allHeaders() throws {
        let deadline = LambdaContext.epochMillisecondsNow() + 30_000
        let context = try LambdaContext(
            header: headers([
                "lambda-runtime-aws-request-id": "52fdfc07-2182-454f-963f-5f0f9a621d72",
                "Lambda-Runtime-Deadline-Ms": String(deadline),
                "Lambda-Runtime-Invoked-Function-Arn":
                    "arn:aws:lambda:us-east-1:123456789012:function:f",
                "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                "Lambda-Runtime-Client-Context": "{\"client\":{}}",
                "Lambda-Runtime-Cognito-Identity": "{\"cognitoIdentityId\":\"id\"}",
            ]), logger: .disabled)

        #expect(context.requestID == "52fdfc07-2182-454f-963f-5f0f9a621d72")
        #expect(context.deadlineEpochMilliseconds == deadline)
        #expect(context.invokedFunctionARN == "arn:aws:lambda:us-east-1:123456789012:function:f")
        #expect(context.traceID == "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        #expect(context.clientContext == "{\"client\":{}}")
        #expect(context.cognitoIdentity == "{\"cognitoIdentityId\":\"id\"}")
        #expect(context.logger.requestID == context.requestID)
    }

    @Test("the remaining time follows the deadline on the monotonic clock")
    func remainingTime() throws {
        let deadline = LambdaContext.epochMillisecondsNow() + 30_000
        let context = try LambdaContext(
            header: headers([
                "Lambda-Runtime-Aws-Request-Id": "r",
                "Lambda-Runtime-Deadline-Ms": String(deadline),
            ]), logger: .disabled)

        #expect(context.remainingTime > .seconds(29) && context.remainingTime <= .seconds(30))
        #expect(context.traceID == nil && context.clientContext == nil)
    }

    @Test(
        "a GET next answer without request ID or a numeric deadline is not an invocation",
        arguments: [
            ["Lambda-Runtime-Deadline-Ms": "1700000000000"],
            ["Lambda-Runtime-Aws-Request-Id": "r"],
            ["Lambda-Runtime-Aws-Request-Id": "r", "Lambda-Runtime-Deadline-Ms": "soon"],
        ])
    func missingHeaders(pairs: [String: String]) {
        #expect(throws: LambdaRuntimeError.self) {
            _ = try LambdaContext(header: headers(pairs), logger: .disabled)
        }
    }
}
