import Foundation
import Testing

@testable import Logging

@Suite("Redaction")
struct RedactionTests {
    // AWS's documented example credentials, never real ones.
    static let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let sessionToken =
        "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampleSessionToken"
        + "AbCdEf0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ExAmPlE=="
    static let signature = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
    static let authorization =
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203/us-east-1/detective/"
        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"

    private func logged(
        _ message: String, _ fields: [String: String] = [:], format: LogFormat = .json
    ) -> String {
        let sink = CapturingSink()
        Logger(level: .trace, format: format, sink: sink).debug(message, fields)
        return sink.lines.joined(separator: "\n")
    }

    @Test("a secret access key in a message never appears", arguments: [LogFormat.json, .text])
    func secretKeyInMessage(format: LogFormat) {
        let line = logged("loaded key \(Self.secretKey) from the environment", format: format)
        #expect(!line.contains(Self.secretKey))
        #expect(!line.contains("K7MDENG"))
        #expect(line.contains(Redaction.marker))
    }

    @Test("an Authorization header's credential scope and signature never appear")
    func authorizationHeader() {
        let line = logged("sending Authorization: \(Self.authorization)")
        #expect(!line.contains(Self.signature))
        #expect(!line.contains("Signature=fe5f"))
        #expect(!line.contains("AKIAIOSFODNN7EXAMPLE/20261203"))
        #expect(line.contains("sending Authorization:"))
    }

    @Test("a bare Signature= or Credential= in a query string is redacted")
    func presignedQuery() {
        let line = logged(
            "GET /?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261203&X-Amz-Signature=abc123")
        #expect(!line.contains("abc123"))
        #expect(!line.contains("AKIAIOSFODNN7EXAMPLE%2F"))
    }

    @Test("a long session token never appears, in a message or a field")
    func sessionToken() {
        let line = logged("token \(Self.sessionToken)", ["detail": Self.sessionToken])
        #expect(!line.contains("IQoJb3JpZ2luX2Vj"))
        #expect(!line.contains("ExAmPlE=="))
    }

    @Test(
        "fields named like secrets never show their value",
        arguments: [
            "sessionToken", "secret", "SecretAccessKey", "authorization", "x-amz-security-token",
            "password", "signature",
        ])
    func secretFieldNames(name: String) throws {
        let line = logged("call", [name: "short-but-secret"])
        #expect(!line.contains("short-but-secret"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?[name] as? String == Redaction.marker)
    }

    @Test("a GuardDuty finding ARN stays readable while a bare hex signature goes")
    func findingARNReadable() {
        let finding =
            "arn:aws:guardduty:us-east-1:644160558196:detector/c8b4e7a5d2f14c7fb5e0a1d9c3b6e2f0"
            + "/finding/0ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"
        #expect(Redaction.redact("finding \(finding) complete") == "finding \(finding) complete")
        #expect(!Redaction.redact("sig \(Self.signature)").contains(Self.signature))
    }

    @Test("ordinary operator text passes unchanged")
    func ordinaryText() {
        let text =
            "StartInvestigation 200 in 84 ms for arn:aws:iam::123456789012:role/Admin "
            + "request 3f1c2e44-0d4b-4c1e-9f55-2a9c1b7e8d01"
        #expect(Redaction.redact(text) == text)
        #expect(!Redaction.isSecretField("operation"))
        #expect(!Redaction.isSecretField("accessKeyId"))
    }

    @Test("a security token header or query parameter is redacted whatever its length")
    func securityTokenAssignments() {
        let line = logged(
            "X-Amz-Security-Token: FwoGZXIvYXdz\n?X-Amz-Security-Token=FwoGZXIvYXdz%2Fshort")
        #expect(!line.contains("FwoGZXIvYXdz"))
    }
}
