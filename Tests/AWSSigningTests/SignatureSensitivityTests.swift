import AWSSigning
import Foundation
import Testing

/// The signature covers what it must: one changed byte anywhere signed changes it, and
/// differences the canonical form removes do not.
@Suite("signature sensitivity")
struct SignatureSensitivityTests {
    let original = SigningExamples.signature(of: SigningExamples.request)

    @Test("the signature is 64 lowercase hex digits and stable for the same input")
    func shape() {
        #expect(original.count == 64)
        #expect(original.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(SigningExamples.signature(of: SigningExamples.request) == original)
    }

    @Test("one changed byte of the secret changes the signature", arguments: [0, 17, 39])
    func secretByte(_ index: Int) {
        var secret = Array(SigningExamples.secret.utf8)
        secret[index] ^= 0x01
        let credentials = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: String(decoding: secret, as: UTF8.self),
            sessionToken: SigningExamples.token)

        let changed = SigningExamples.signature(
            of: SigningExamples.request, by: SigningExamples.signer(credentials))

        #expect(changed != original)
    }

    @Test("one changed byte of the body changes the signature", arguments: [0, 40, 80])
    func bodyByte(_ index: Int) {
        var request = SigningExamples.request
        request.body[index] ^= 0x01

        #expect(SigningExamples.signature(of: request) != original)
    }

    @Test("one changed byte of a signed header value changes the signature")
    func headerByte() {
        var request = SigningExamples.request
        request.headers[0].value = "api.detective.eu-west-3.amazonaws.com"
        #expect(SigningExamples.signature(of: request) != original)

        request = SigningExamples.request
        request.headers[1].value = "application/jsoN"
        #expect(SigningExamples.signature(of: request) != original)
    }

    @Test("method, path, query, token, date, region and service are all covered")
    func otherParts() {
        var request = SigningExamples.request
        request.method = "PUT"
        #expect(SigningExamples.signature(of: request) != original)

        request = SigningExamples.request
        request.path = "/investigations/startInvestigatioN"
        #expect(SigningExamples.signature(of: request) != original)

        request = SigningExamples.request
        request.query = "a=1"
        #expect(SigningExamples.signature(of: request) != original)

        let otherToken = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: SigningExamples.secret, sessionToken: SigningExamples.token + "x")
        #expect(
            SigningExamples.signature(
                of: SigningExamples.request, by: SigningExamples.signer(otherToken)) != original)

        let signer = SigningExamples.signer()
        let later = signer.signingHeaders(
            for: SigningExamples.request, date: SigningExamples.date.addingTimeInterval(1))
        #expect(later.last?.value.hasSuffix(original) == false)

        for (region, service) in [("eu-west-1", "detective"), ("eu-west-2", "securityhub")] {
            let other = SigV4Signer(
                credentials: SigningExamples.credentials, region: region, service: service)
            #expect(SigningExamples.signature(of: SigningExamples.request, by: other) != original)
        }
    }

    @Test("header name case, extra whitespace and a stale X-Amz-Date do not change it")
    func canonicalDifferences() {
        var request = SigningExamples.request
        request.headers = [
            ("HOST", "  api.detective.eu-west-2.amazonaws.com "),
            ("content-type", "application/json\t"),
            ("X-Amz-Date", "19990101T000000Z"),
            ("Authorization", "AWS4-HMAC-SHA256 stale"),
        ]
        #expect(SigningExamples.signature(of: request) == original)
    }

    @Test("the headers added are X-Amz-Date, the token and Authorization, in that order")
    func addedHeaders() {
        let headers = SigningExamples.signer().signingHeaders(
            for: SigningExamples.request, date: SigningExamples.date)
        #expect(headers.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        #expect(headers[0].value == "20261203T174000Z")
        #expect(headers[1].value == SigningExamples.token)
        #expect(
            headers[2].value
                == "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20261203/eu-west-2/detective/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                + "Signature=\(original)")

        let longTerm = SigningExamples.signer(SigningExamples.longTerm).signingHeaders(
            for: SigningExamples.request, date: SigningExamples.date)
        #expect(longTerm.map(\.name) == ["X-Amz-Date", "Authorization"])
        #expect(longTerm[1].value.contains("SignedHeaders=content-type;host;x-amz-date,"))
    }

    @Test(
        "X-Amz-Date and the scope date are UTC calendar dates, across leap days and years",
        arguments: [
            (0.0, "19700101T000000Z"),
            (951_782_400, "20000229T000000Z"),
            (1_709_251_199, "20240229T235959Z"),
            (1_767_225_599.999, "20251231T235959Z"),
            (1_767_225_600, "20260101T000000Z"),
            (4_107_542_400, "21000301T000000Z"),
        ])
    func dates(_ seconds: Double, _ expected: String) {
        let date = Date(timeIntervalSince1970: seconds)
        let signer = SigningExamples.signer()

        let headers = signer.signingHeaders(for: SigningExamples.request, date: date)

        #expect(headers[0].value == expected)
        #expect(signer.credentialScope(date: date).hasPrefix(String(expected.prefix(8)) + "/"))
    }

    @Test("dates no four-digit year can write are clamped, never a crash")
    func extremeDates() {
        let signer = SigningExamples.signer()
        for (seconds, expected) in [
            (Double.infinity, "99991231T235959Z"), (-Double.infinity, "00000101T000000Z"),
            (Double.nan, "19700101T000000Z"), (1e300, "99991231T235959Z"),
        ] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(
                signer.signingHeaders(for: SigningExamples.request, date: date)[0].value == expected
            )
        }
    }
}
