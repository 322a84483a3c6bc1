import AWSSigning
import Foundation
import Testing

/// The official AWS SigV4 test suite (awslabs/aws-c-auth), header signing.
@Suite("AWS SigV4 test suite")
struct AWSSigningTestSuiteTests {
    static let folder = "aws-signing-test-suite/v4"

    /// Cases whose header-signing files do not describe what this signer does, and why.
    static let notApplicable: [String: String] = [
        "post-sts-header-after":
            "its token is added after signing and left out of SignedHeaders "
            + "(omit_session_token); this signer always signs X-Amz-Security-Token, as botocore "
            + "does and as the sandbox's verifier requires"
    ]

    /// Files of every case that do not apply, and why.
    static let notApplicableFiles: [String: String] = [
        "query-canonical-request.txt": "query-string (presigned URL) signing is not implemented",
        "query-string-to-sign.txt": "query-string (presigned URL) signing is not implemented",
        "query-signature.txt": "query-string (presigned URL) signing is not implemented",
        "query-signed-request.txt": "query-string (presigned URL) signing is not implemented",
    ]

    static let allCases = Fixtures.folders(folder)
    static let applicableCases = allCases.filter { notApplicable[$0] == nil }
    /// The verifier always normalises paths, as every service but S3 does.
    static let normalizedCases = applicableCases.filter { name in
        (try? SuiteCase(folder: "\(folder)/\(name)"))?.signer.normalizesPath == true
    }

    @Test("the suite is all there: 38 cases, and only post-sts-header-after is left out")
    func inventory() throws {
        #expect(Self.allCases.count == 38)
        #expect(Self.applicableCases.count == 37)
        #expect(Self.normalizedCases.count == 30)
        for name in Self.notApplicable.keys {
            #expect(Self.allCases.contains(name), "listed case \(name) is not in the suite")
        }
        for name in Self.allCases {
            for file in Self.notApplicableFiles.keys {
                #expect(throws: Never.self) { try Fixtures.data("\(Self.folder)/\(name)/\(file)") }
            }
        }
    }

    @Test(
        "canonical request, string to sign, signature and signed request match",
        arguments: applicableCases)
    func headerSigning(_ name: String) throws {
        let suiteCase = try SuiteCase(folder: "\(Self.folder)/\(name)")
        let request = suiteCase.request.signingRequest
        let signer = suiteCase.signer

        let canonical = signer.canonicalRequest(for: request, date: suiteCase.date)
        #expect(canonical == suiteCase.expected("header-canonical-request.txt"))

        let stringToSign = signer.stringToSign(canonicalRequest: canonical, date: suiteCase.date)
        #expect(stringToSign == suiteCase.expected("header-string-to-sign.txt"))

        let signature = signer.signature(stringToSign: stringToSign, date: suiteCase.date)
        #expect(signature == suiteCase.expected("header-signature.txt"))

        var signed = suiteCase.request
        for header in signer.signingHeaders(for: request, date: suiteCase.date) {
            signed.headers.append(.init(name: header.name, value: header.value))
        }
        let expected = try #require(RawHTTPRequest(suiteCase.expected("header-signed-request.txt")))
        #expect(signed.method == expected.method)
        #expect(signed.path == expected.path)
        #expect(signed.query == expected.query)
        #expect(signed.body == expected.body)
        #expect(signed.headersByName == expected.headersByName)
    }

    @Test("a request the suite signed verifies at the suite's time", arguments: normalizedCases)
    func suiteRequestsVerify(_ name: String) throws {
        let suiteCase = try SuiteCase(folder: "\(Self.folder)/\(name)")
        let signed = try #require(RawHTTPRequest(suiteCase.expected("header-signed-request.txt")))
        let verifier = SigV4Verifier(
            service: "service", region: "us-east-1", known: [suiteCase.signer.credentials])

        let result = verifier.verify(signed.signingRequest, now: suiteCase.date)

        #expect(throws: Never.self) { try result.get() }
    }
}

/// One folder of the suite: its context, request and expected files.
struct SuiteCase {
    var folder: String
    var request: RawHTTPRequest
    var signer: SigV4Signer
    var date: Date
    private var files: [String: String] = [:]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(folder: String) throws {
        self.folder = folder
        let context = try JSONSerialization.jsonObject(
            with: Fixtures.data("\(folder)/context.json"))
        guard let context = context as? [String: Any],
            let credentials = context["credentials"] as? [String: Any],
            let accessKeyID = credentials["access_key_id"] as? String,
            let secret = credentials["secret_access_key"] as? String,
            let region = context["region"] as? String,
            let service = context["service"] as? String,
            let timestamp = context["timestamp"] as? String,
            let date = ISO8601DateFormatter().date(from: timestamp)
        else { throw Invalid(description: "\(folder)/context.json lacks a field") }

        guard var request = RawHTTPRequest(try Fixtures.text("\(folder)/request.txt")) else {
            throw Invalid(description: "\(folder)/request.txt does not parse")
        }
        // `sign_body` asks the signer to send and sign the payload hash as a header; this
        // signer signs whatever headers it is given, so the test adds it as a caller would.
        if context["sign_body"] as? Bool == true {
            let hash = SHA256.hash(Array(request.body.utf8)).hexEncoded()
            request.headers.append(.init(name: "x-amz-content-sha256", value: hash))
        }

        self.request = request
        self.date = date
        self.signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: accessKeyID, secretAccessKey: secret,
                sessionToken: credentials["token"] as? String),
            region: region, service: service,
            normalizesPath: context["normalize"] as? Bool ?? true)
        for file in [
            "header-canonical-request.txt", "header-string-to-sign.txt", "header-signature.txt",
            "header-signed-request.txt",
        ] {
            files[file] = try Fixtures.text("\(folder)/\(file)")
        }
    }

    func expected(_ file: String) -> String {
        files[file] ?? ""
    }
}
