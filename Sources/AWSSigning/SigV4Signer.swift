import FoundationEssentials

/// Signs requests with AWS Signature Version 4 in the `Authorization` header, as the AWS SDKs
/// do for every service but S3.
///
/// The stages are public and named after the AWS document, so a failing signature can be
/// traced: ``canonicalRequest(for:date:)``, ``stringToSign(canonicalRequest:date:)``,
/// ``signingKey(date:)``, ``signature(stringToSign:date:)``.
public struct SigV4Signer: Sendable {
    /// The only algorithm this signer writes and the verifier accepts.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The credentials that sign; never shown in any text.
    public let credentials: AWSCredentials
    /// The region of the credential scope (`us-east-1`).
    public let region: String
    /// The signing name of the service (`detective`, `securityhub`).
    public let service: String
    /// False only for S3-style signing, where the path is taken as it is; AWS's test suite
    /// uses it, this project's services never do.
    public let normalizesPath: Bool

    /// - Parameters:
    ///   - credentials: the credentials that sign.
    ///   - region: the region of the credential scope.
    ///   - service: the service's signing name.
    ///   - normalizesPath: whether the canonical URI resolves dot segments and repeated slashes.
    public init(
        credentials: AWSCredentials, region: String, service: String, normalizesPath: Bool = true
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizesPath = normalizesPath
    }

    /// The headers to add to `request` before sending it: `X-Amz-Date`, `X-Amz-Security-Token`
    /// when the credentials have a session token, and `Authorization`.
    ///
    /// Every header of `request` is signed, so `Host` (and `Content-Type`) must be there and
    /// must go on the wire unchanged; copies of the three headers above in `request` are
    /// ignored and must not be sent.
    public func signingHeaders(
        for request: SigningRequest, date: Date
    ) -> [(name: String, value: String)] {
        let amzDate = AMZDate(date)
        let headers = headersToSign(request, amzDate: amzDate)
        let canonical = Self.canonicalRequest(
            request, headers: headers, payloadHash: SHA256.hexHash(request.body),
            normalizingPath: normalizesPath)
        let toSign = stringToSign(canonicalRequest: canonical.text, date: date)
        let credential = "\(credentials.accessKeyID)/\(credentialScope(date: date))"
        let authorization =
            "\(Self.algorithm) Credential=\(credential), "
            + "SignedHeaders=\(canonical.signedHeaders), "
            + "Signature=\(signature(stringToSign: toSign, date: date))"

        var added: [(name: String, value: String)] = [("X-Amz-Date", amzDate.timestamp)]
        if let token = credentials.sessionToken {
            added.append(("X-Amz-Security-Token", token))
        }
        added.append(("Authorization", authorization))
        return added
    }

    /// Stage 1: the canonical request, with `X-Amz-Date` (and the session token) among the
    /// signed headers.
    public func canonicalRequest(for request: SigningRequest, date: Date) -> String {
        let headers = headersToSign(request, amzDate: AMZDate(date))
        return Self.canonicalRequest(
            request, headers: headers, payloadHash: SHA256.hexHash(request.body),
            normalizingPath: normalizesPath
        ).text
    }

    /// Stage 2: the string to sign for a canonical request.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [
            Self.algorithm, AMZDate(date).timestamp, credentialScope(date: date),
            SHA256.hexHash(canonicalRequest.utf8),
        ].joined(separator: "\n")
    }

    /// Stage 3: the signing key, derived from the secret, the date, region and service.
    public func signingKey(date: Date) -> [UInt8] {
        let secret = Array("AWS4\(credentials.secretAccessKey)".utf8)
        let dateKey = HMAC.sha256(key: secret, data: AMZDate(date).dateStamp.utf8)
        let regionKey = HMAC.sha256(key: dateKey, data: region.utf8)
        let serviceKey = HMAC.sha256(key: regionKey, data: service.utf8)
        return HMAC.sha256(key: serviceKey, data: "aws4_request".utf8)
    }

    /// Stage 4: the signature, lowercase hex.
    public func signature(stringToSign: String, date: Date) -> String {
        HMAC.sha256(key: signingKey(date: date), data: stringToSign.utf8).hexEncoded()
    }

    /// `YYYYMMDD/region/service/aws4_request`.
    public func credentialScope(date: Date) -> String {
        "\(AMZDate(date).dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// The request's headers without any it carries of ours, plus `X-Amz-Date` and the token.
    private func headersToSign(
        _ request: SigningRequest, amzDate: AMZDate
    ) -> [(name: String, value: String)] {
        let ours: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
        var headers = request.headers.filter { !ours.contains($0.name.lowercased()) }
        headers.append(("X-Amz-Date", amzDate.timestamp))
        if let token = credentials.sessionToken {
            headers.append(("X-Amz-Security-Token", token))
        }
        return headers
    }

    /// The canonical request over exactly `headers`, and its `SignedHeaders` list.
    static func canonicalRequest(
        _ request: SigningRequest, headers: [(name: String, value: String)],
        payloadHash: String, normalizingPath: Bool
    ) -> (text: String, signedHeaders: String) {
        let canonicalHeaders = Canonical.headers(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let headerLines = canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined()
        let text = [
            request.method.uppercased(),
            Canonical.uri(path: request.path, normalizing: normalizingPath),
            Canonical.queryString(request.query),
            headerLines,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }
}

extension SigV4Signer: CustomStringConvertible {
    /// The scope and the credentials' redacted form; never a secret.
    public var description: String {
        "SigV4Signer(region: \(region), service: \(service), credentials: \(credentials))"
    }
}
