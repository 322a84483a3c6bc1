import Testing

@testable import AWSClient

@Suite("ErrorResponse")
struct ErrorResponseTests {
    @Test(
        "codes are read and trimmed as botocore reads rest-json errors",
        arguments: [
            (
                nil, #"{"__type":"ValidationException","message":"bad"}"#, "ValidationException",
                "bad"
            ),
            (
                "ThrottlingException:http://internal.amazon.com/coral/", #"{"Message":"slow"}"#,
                "ThrottlingException", "slow"
            ),
            (
                "aws.protocols#TooManyRequestsException", "{}", "TooManyRequestsException",
                "the service answered HTTP 400 without a message"
            ),
            (
                nil,
                #"{"__type":"com.amazon.coral.service#AccessDeniedException:x","Message":"no"}"#,
                "AccessDeniedException", "no"
            ),
            (nil, #"{"code":"InternalError","message":"m"}"#, "InternalError", "m"),
            (nil, #"{"Code":"ConflictException","Message":"c"}"#, "ConflictException", "c"),
            (
                "HeaderWins", #"{"__type":"BodyLoses","code":"AlsoLoses"}"#, "HeaderWins",
                "the service answered HTTP 400 without a message"
            ),
            (
                nil, #"{"code":"LowerFirst","Code":"UpperSecond"}"#, "LowerFirst",
                "the service answered HTTP 400 without a message"
            ),
            (
                nil, #"{"Code":"CodeBeforeType","__type":"Type"}"#, "CodeBeforeType",
                "the service answered HTTP 400 without a message"
            ),
        ] as [(String?, String, String, String)])
    func table(header: String?, body: String, code: String, message: String) {
        let response = ErrorResponse(status: 400, errorTypeHeader: header, body: Array(body.utf8))
        #expect(response.code == code)
        #expect(response.message == message)
    }

    @Test("an answer that is not JSON has no code and a message naming the status")
    func notJSON() {
        let response = ErrorResponse(
            status: 503, errorTypeHeader: nil, body: Array("<html>busy</html>".utf8))
        #expect(response.code == nil)
        #expect(response.message.contains("503"))
        let empty = ErrorResponse(status: 500, errorTypeHeader: nil, body: [])
        #expect(empty.code == nil)
    }

    @Test("a code that trims to nothing is no code")
    func emptyCode() {
        #expect(ErrorResponse.trimmed("prefix#") == nil)
        #expect(ErrorResponse.trimmed(":suffix") == nil)
        #expect(ErrorResponse.trimmed("a#b#Code:c:d") == "Code")
    }
}
