import AWSSigning
import Foundation
import Testing

/// Signatures made by botocore's own SigV4Auth (scripts/signing-vectors.py), compared one by
/// one: Detective and Security Hub requests in four partitions, with and without a token.
@Suite("botocore signing vectors")
struct BotocoreVectorTests {
    static let vectors: [BotocoreVector] = (try? BotocoreVector.loadAll()) ?? []

    @Test("the vector file loads and covers the operations, regions and tokens it should")
    func inventory() throws {
        let vectors = try BotocoreVector.loadAll()
        #expect(vectors.count >= 56)
        #expect(
            Set(vectors.map(\.region)) == ["us-east-1", "eu-west-2", "cn-north-1", "us-gov-west-1"])
        #expect(Set(vectors.map(\.service)) == ["detective", "securityhub"])
        #expect(vectors.contains { $0.sessionToken != nil })
        #expect(vectors.contains { $0.sessionToken == nil })
        let paths = Set(vectors.map(\.path))
        for path in [
            "/investigations/startInvestigation", "/investigations/getInvestigation",
            "/investigations/listIndicators", "/investigations/listInvestigations",
            "/graphs/list", "/findings/batchupdate", "/findings",
        ] {
            #expect(paths.contains(path), "no vector for \(path)")
        }
        #expect(vectors.contains { $0.body.utf8.contains { $0 >= 0x80 } }, "no non-ASCII body")
    }

    @Test("X-Amz-Date, the token header and Authorization equal botocore's", arguments: vectors)
    func signingHeaders(_ vector: BotocoreVector) throws {
        let headers = vector.signer.signingHeaders(for: vector.request, date: vector.date)

        #expect(headers.map(\.name) == vector.expectedHeaderNames)
        #expect(headers.first { $0.name == "X-Amz-Date" }?.value == vector.expected.amzDate)
        #expect(
            headers.first { $0.name == "X-Amz-Security-Token" }?.value
                == vector.expected.securityToken)
        #expect(
            headers.first { $0.name == "Authorization" }?.value == vector.expected.authorization)
    }

    @Test("the canonical request and string to sign equal botocore's", arguments: vectors)
    func stages(_ vector: BotocoreVector) {
        let canonical = vector.signer.canonicalRequest(for: vector.request, date: vector.date)
        #expect(canonical == vector.expected.canonicalRequest)

        let stringToSign = vector.signer.stringToSign(
            canonicalRequest: canonical, date: vector.date)
        #expect(stringToSign == vector.expected.stringToSign)
    }

    @Test("every botocore-signed request passes the verifier", arguments: vectors)
    func verifies(_ vector: BotocoreVector) throws {
        var request = vector.request
        request.headers.append(("X-Amz-Date", vector.expected.amzDate))
        if let token = vector.expected.securityToken {
            request.headers.append(("X-Amz-Security-Token", token))
        }
        request.headers.append(("Authorization", vector.expected.authorization))
        let verifier = SigV4Verifier(
            service: vector.service, region: vector.region, known: [vector.signer.credentials])

        let verified = try verifier.verify(request, now: vector.date.addingTimeInterval(60)).get()

        #expect(verified.accessKeyID == vector.accessKeyID)
        #expect(verified.region == vector.region)
    }
}

/// One entry of `botocore-vectors.json`.
struct BotocoreVector: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var service: String
    var region: String
    var date: Date
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?
    var method: String
    var path: String
    var query: String
    var headers: [[String]]
    var body: String
    var expected: Expected

    struct Expected: Decodable, Sendable {
        var amzDate: String
        var securityToken: String?
        var authorization: String
        var canonicalRequest: String
        var stringToSign: String

        enum CodingKeys: String, CodingKey {
            case amzDate = "X-Amz-Date"
            case securityToken = "X-Amz-Security-Token"
            case authorization = "Authorization"
            case canonicalRequest, stringToSign
        }
    }

    struct File: Decodable {
        var generator: String
        var vectors: [BotocoreVector]
    }

    static func loadAll() throws -> [BotocoreVector] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(File.self, from: Fixtures.data("botocore-vectors.json")).vectors
    }

    var testDescription: String { name }

    var signer: SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
                sessionToken: sessionToken),
            region: region, service: service)
    }

    var request: SigningRequest {
        SigningRequest(
            method: method, path: path, query: query,
            headers: headers.map { ($0.first ?? "", $0.last ?? "") }, body: Array(body.utf8))
    }

    var expectedHeaderNames: [String] {
        ["X-Amz-Date"] + (sessionToken == nil ? [] : ["X-Amz-Security-Token"]) + ["Authorization"]
    }
}
