import AWSSigning
import Foundation
import Testing

/// The sandbox's signature check answers as AWS rest-json services do.
@Suite("SigV4Verifier")
struct SigV4VerifierTests {
    typealias Code = SigV4VerificationFailure.Code

    let verifier = SigV4Verifier(
        service: "detective", region: "eu-west-2",
        known: [SigningExamples.credentials, SigningExamples.longTermOther])
    let now = SigningExamples.date.addingTimeInterval(42)

    /// The failure for `request`, or nil when it verified.
    func failure(
        _ request: SigningRequest, verifier: SigV4Verifier? = nil, now: Date? = nil
    ) -> SigV4VerificationFailure? {
        switch (verifier ?? self.verifier).verify(request, now: now ?? self.now) {
        case .success: nil
        case .failure(let failure): failure
        }
    }

    /// `request` with the value of header `name` replaced, or the header removed for nil.
    func replacing(_ name: String, with value: String?, in request: SigningRequest)
        -> SigningRequest
    {
        var changed = request
        changed.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { changed.headers.append((name, value)) }
        return changed
    }

    @Test("a request signed by the signer verifies, with and without a session token")
    func signedRequestVerifies() throws {
        let verified = try verifier.verify(SigningExamples.signed(), now: now).get()
        #expect(verified.accessKeyID == "ASIAIOSFODNN7EXAMPLE")
        #expect(verified.region == "eu-west-2")
        #expect(verified.date == SigningExamples.date)
        #expect(
            verified.signedHeaders == [
                "content-type", "host", "x-amz-date", "x-amz-security-token",
            ])

        let longTerm = SigningExamples.signed(
            by: SigningExamples.signer(SigningExamples.longTermOther))
        #expect(throws: Never.self) { try verifier.verify(longTerm, now: now).get() }
    }

    @Test("a verifier without a region accepts any scope region and reports it")
    func anyRegion() throws {
        let anyRegion = SigV4Verifier(
            service: "detective", region: nil, known: [SigningExamples.credentials])
        let signer = SigV4Signer(
            credentials: SigningExamples.credentials, region: "cn-north-1", service: "detective")

        let verified = try anyRegion.verify(SigningExamples.signed(by: signer), now: now).get()

        #expect(verified.region == "cn-north-1")
    }

    @Test("a missing or non-SigV4 Authorization is MissingAuthenticationTokenException")
    func missingAuthorization() throws {
        let unsigned = replacing("Authorization", with: nil, in: SigningExamples.signed())
        let missing = try #require(failure(unsigned))
        #expect(missing.code == .missingAuthenticationToken)
        #expect(missing.message == "Missing Authentication Token")
        #expect(missing.status == 403)

        let bearer = replacing("Authorization", with: "Bearer abc", in: SigningExamples.signed())
        #expect(failure(bearer)?.code == .missingAuthenticationToken)
    }

    @Test("an Authorization without Signature, or no X-Amz-Date, is IncompleteSignatureException")
    func incomplete() throws {
        let signed = SigningExamples.signed()
        let authorization = try #require(signed.values(of: "Authorization").first)
        let withoutSignature = String(authorization.prefix { $0 != "," }) + ", SignedHeaders=host"

        let noSignature = try #require(
            failure(replacing("Authorization", with: withoutSignature, in: signed)))
        #expect(noSignature.code == .incompleteSignature)
        #expect(noSignature.message == "Authorization header requires 'Signature' parameter.")

        let noDate = try #require(failure(replacing("X-Amz-Date", with: nil, in: signed)))
        #expect(noDate.code == .incompleteSignature)
        #expect(noDate.message.contains("requires existence of either a 'X-Amz-Date'"))

        let badDate = try #require(failure(replacing("X-Amz-Date", with: "2026-12-03", in: signed)))
        #expect(badDate.code == .incompleteSignature)
        #expect(
            badDate.message.hasPrefix("Date must be in ISO-8601 'basic format'. Got '2026-12-03'."))

        let sigV4a = authorization.replacingOccurrences(
            of: "AWS4-HMAC-SHA256", with: "AWS4-ECDSA-P256-SHA256")
        let algorithm = try #require(failure(replacing("Authorization", with: sigV4a, in: signed)))
        #expect(algorithm.code == .incompleteSignature)
        #expect(algorithm.message.contains("'AWS4-ECDSA-P256-SHA256'"))

        let shortScope = authorization.replacingOccurrences(of: "/aws4_request", with: "")
        let scope = try #require(failure(replacing("Authorization", with: shortScope, in: signed)))
        #expect(scope.code == .incompleteSignature)
        #expect(scope.message.hasPrefix("Credential must have exactly 5 slash-delimited elements"))
    }

    @Test("a wrong secret is InvalidSignatureException with AWS's mismatch message")
    func wrongSecret() throws {
        let impostor = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz",
            sessionToken: SigningExamples.token)

        let refused = try #require(
            failure(SigningExamples.signed(by: SigningExamples.signer(impostor))))

        #expect(refused.code == .invalidSignature)
        #expect(refused.status == 403)
        #expect(
            refused.message.hasPrefix(
                "The request signature we calculated does not match the signature you provided."))
    }

    @Test("a scope for another region or service is InvalidSignatureException")
    func wrongScope() throws {
        let otherRegion = SigV4Signer(
            credentials: SigningExamples.credentials, region: "us-east-1", service: "detective")
        let region = try #require(failure(SigningExamples.signed(by: otherRegion)))
        #expect(region.code == .invalidSignature)
        #expect(region.message == "Credential should be scoped to a valid region, not 'us-east-1'.")

        let otherService = SigV4Signer(
            credentials: SigningExamples.credentials, region: "eu-west-2", service: "securityhub")
        let service = try #require(failure(SigningExamples.signed(by: otherService)))
        #expect(service.code == .invalidSignature)
        #expect(service.message == "Credential should be scoped to correct service: 'detective'.")
    }

    @Test("a date more than 5 minutes from now is InvalidSignatureException; 5 minutes is fine")
    func staleAndFutureDates() throws {
        let signed = SigningExamples.signed()

        let stale = try #require(failure(signed, now: SigningExamples.date.addingTimeInterval(301)))
        #expect(stale.code == .invalidSignature)
        #expect(
            stale.message
                == "Signature expired: 20261203T174000Z is now earlier than 20261203T174001Z "
                + "(20261203T174501Z - 5 min.)")

        let future = try #require(
            failure(signed, now: SigningExamples.date.addingTimeInterval(-301)))
        #expect(future.code == .invalidSignature)
        #expect(
            future.message.hasPrefix(
                "Signature not yet current: 20261203T174000Z is still later than"))

        #expect(failure(signed, now: SigningExamples.date.addingTimeInterval(300)) == nil)
        #expect(failure(signed, now: SigningExamples.date.addingTimeInterval(-300)) == nil)
    }

    @Test("a scope date other than X-Amz-Date's day is InvalidSignatureException")
    func scopeDate() throws {
        let nextDay = SigningExamples.date.addingTimeInterval(86_400)
        let moved = replacing("X-Amz-Date", with: "20261204T174000Z", in: SigningExamples.signed())

        let refused = try #require(failure(moved, now: nextDay))

        #expect(refused.code == .invalidSignature)
        #expect(
            refused.message
                == "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                + "from HTTP: '20261203' != '20261204', from '20261204T174000Z'.")
    }

    @Test("a tampered body or signed header is InvalidSignatureException")
    func tampering() throws {
        var body = SigningExamples.signed()
        body.body[10] ^= 0x20
        #expect(failure(body)?.code == .invalidSignature)
        #expect(failure(body)?.message.hasPrefix("The request signature we calculated") == true)

        let header = replacing("Content-Type", with: "text/plain", in: SigningExamples.signed())
        #expect(failure(header)?.code == .invalidSignature)

        let claimed = replacing(
            "X-Amz-Content-SHA256", with: String(repeating: "0", count: 64),
            in: SigningExamples.signed())
        let hash = try #require(failure(claimed))
        #expect(hash.code == .invalidSignature)
        #expect(hash.message.contains("'x-amz-content-sha256'"))
    }

    @Test("a Host that is not signed is InvalidSignatureException")
    func unsignedHost() throws {
        var withoutHost = SigningExamples.request
        withoutHost.headers.removeAll { $0.name == "Host" }
        var wire = SigningExamples.signed(withoutHost)
        wire.headers.append(("Host", "api.detective.eu-west-2.amazonaws.com"))

        let refused = try #require(failure(wire))

        #expect(refused.code == .invalidSignature)
        #expect(
            refused.message
                == "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test("a session token that is sent but not signed is InvalidSignatureException")
    func unsignedToken() throws {
        let withoutToken = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: SigningExamples.secret)
        var wire = SigningExamples.signed(by: SigningExamples.signer(withoutToken))
        wire.headers.append(("X-Amz-Security-Token", SigningExamples.token))

        let refused = try #require(failure(wire))

        #expect(refused.code == .invalidSignature)
        #expect(refused.message.hasPrefix("'X-Amz-Security-Token' must be a 'SignedHeader'"))
    }

    @Test("an unknown access key ID, or a missing or wrong token, is UnrecognizedClientException")
    func unrecognized() throws {
        let stranger = AWSCredentials(
            accessKeyID: "AKIAUNKNOWNEXAMPLE00", secretAccessKey: SigningExamples.secret)
        let unknown = try #require(
            failure(SigningExamples.signed(by: SigningExamples.signer(stranger))))
        #expect(unknown.code == .unrecognizedClient)
        #expect(unknown.message == "The security token included in the request is invalid.")

        let withoutToken = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: SigningExamples.secret)
        let tokenMissing = SigningExamples.signed(by: SigningExamples.signer(withoutToken))
        #expect(failure(tokenMissing)?.code == .unrecognizedClient)

        let wrongToken = AWSCredentials(
            accessKeyID: SigningExamples.credentials.accessKeyID,
            secretAccessKey: SigningExamples.secret,
            sessionToken: "another-token")
        #expect(
            failure(SigningExamples.signed(by: SigningExamples.signer(wrongToken)))?.code
                == .unrecognizedClient)
    }

    @Test("no failure text holds the secret, the token, the signature or the access key ID")
    func failuresHoldNoCredentials() throws {
        let signed = SigningExamples.signed()
        let authorization = try #require(signed.values(of: "Authorization").first)
        let signature = String(authorization.split(separator: "=").last ?? "")
        let broken = [
            replacing(
                "Authorization",
                with: authorization.replacingOccurrences(of: "Credential=", with: "Credential "),
                in: signed),
            replacing(
                "Authorization", with: "AWS4-HMAC-SHA256 \(authorization.dropFirst(17)) junk",
                in: signed),
            replacing(
                "Authorization",
                with: authorization.replacingOccurrences(of: "/aws4_request", with: ""),
                in: signed),
            replacing(
                "Authorization",
                with: authorization.replacingOccurrences(of: "eu-west-2", with: "x"), in: signed),
            replacing("X-Amz-Security-Token", with: "wrong", in: signed),
            replacing("Content-Type", with: "text/plain", in: signed),
        ]

        var seen: Set<Code> = []
        for request in broken {
            let refused = try #require(failure(request))
            seen.insert(refused.code)
            for text in [refused.message, refused.description, String(reflecting: refused)] {
                #expect(!text.contains(SigningExamples.secret))
                #expect(!text.contains(SigningExamples.token))
                #expect(!text.contains(signature))
                #expect(!text.contains(SigningExamples.credentials.accessKeyID))
            }
        }
        #expect(seen.count >= 3)
    }
}
