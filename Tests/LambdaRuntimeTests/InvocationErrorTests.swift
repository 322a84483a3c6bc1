import Foundation
import Testing

@testable import LambdaRuntime

@Suite("InvocationError")
struct InvocationErrorTests {
    private struct Plain: Error {}

    @Test(
        "the body is valid JSON with the message intact, whatever the message holds",
        arguments: [
            "plain", "quote \" and backslash \\", "line\nbreak\r\n", "control \u{01}\u{1F}\u{00}",
            "non-ASCII: Zürich 東京 🚨", "",
        ])
    func bodyIsValidJSON(message: String) throws {
        let error = InvocationError(errorType: "InvalidEvent", errorMessage: message)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(error.body)) as? [String: Any])

        #expect(object["errorMessage"] as? String == message)
        #expect(object["errorType"] as? String == "InvalidEvent")
        #expect((object["stackTrace"] as? [Any])?.isEmpty == true)
    }

    @Test("a reportable error keeps its type; any other error is UnhandledError")
    func fromThrownErrors() {
        let typed = InvocationError(
            from: LambdaHandlerError(type: "UnsupportedEvent", message: "m"))
        #expect(typed == InvocationError(errorType: "UnsupportedEvent", errorMessage: "m"))

        let plain = InvocationError(from: Plain())
        #expect(plain.errorType == "UnhandledError")
        #expect(plain.errorMessage.contains("Plain"))
    }
}
