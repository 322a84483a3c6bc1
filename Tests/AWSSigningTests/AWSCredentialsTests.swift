import AWSSigning
import Foundation
import Testing

/// Credentials never show their secret or token in any text.
@Suite("AWSCredentials")
struct AWSCredentialsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENVALUE1234567890"
    static let credentials = AWSCredentials(
        accessKeyID: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: token)

    /// Every way Swift turns a value into text.
    static func renderings(_ value: some Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [
            "\(value)", String(describing: value), String(reflecting: value), dumped,
        ]
    }

    @Test("description, debugDescription and dump hide the secret and the token")
    func credentialsHideSecrets() {
        for text in Self.renderings(Self.credentials) {
            #expect(!text.contains(Self.secret), "secret in: \(text)")
            #expect(!text.contains(Self.token), "token in: \(text)")
            #expect(!text.contains("ASIAIOSFODNN7EXAMPLE"), "full key ID in: \(text)")
        }
        #expect(Self.credentials.description.contains("ASIA"))
        #expect(Self.credentials.description.contains("sessionToken: redacted"))
    }

    @Test("a signer, printed or dumped, hides the credentials it holds")
    func signerHidesSecrets() {
        let signer = SigV4Signer(
            credentials: Self.credentials, region: "us-east-1", service: "detective")
        for text in Self.renderings(signer) {
            #expect(!text.contains(Self.secret), "secret in: \(text)")
            #expect(!text.contains(Self.token), "token in: \(text)")
        }
    }

    @Test("credentials without a token say so, and compare by value")
    func withoutToken() {
        let plain = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret)
        #expect(plain.sessionToken == nil)
        #expect(plain.description.contains("sessionToken: none"))
        #expect(plain == AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret))
        #expect(plain != AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "other"))
    }

    @Test("a signed request, printed or dumped, hides Authorization and the session token")
    func requestHidesSecrets() throws {
        let signer = SigV4Signer(
            credentials: Self.credentials, region: "us-east-1", service: "securityhub")
        var request = SigningRequest(
            method: "PATCH", path: "/findings/batchupdate",
            headers: [("Host", "securityhub.us-east-1.amazonaws.com")], body: Array("{}".utf8))
        let added = signer.signingHeaders(for: request, date: Date(timeIntervalSince1970: 0))
        request.headers += added
        let signature = try #require(added.last?.value.split(separator: "=").last)

        for text in Self.renderings(request) {
            #expect(!text.contains(Self.token), "token in: \(text)")
            #expect(!text.contains(signature), "signature in: \(text)")
            #expect(text.contains("securityhub.us-east-1.amazonaws.com"))
        }
    }
}
