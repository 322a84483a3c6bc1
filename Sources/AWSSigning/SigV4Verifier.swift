import FoundationEssentials

/// Checks the SigV4 signature of a received request the way an AWS rest-json service does,
/// for the local sandbox that stands in for AWS.
public struct SigV4Verifier: Sendable {
    /// What a request that passed proved about its sender.
    public struct Verified: Sendable, Equatable {
        /// The access key ID that signed.
        public var accessKeyID: String
        /// The region of the credential scope (the expected one, or any when none was set).
        public var region: String
        /// The `X-Amz-Date` of the request.
        public var date: Date
        /// The `SignedHeaders` list, lowercased.
        public var signedHeaders: [String]
    }

    /// The service's signing name the scope must carry.
    public let service: String
    /// The region the scope must carry; nil accepts any (one endpoint serving all regions).
    public let region: String?
    /// How far `X-Amz-Date` may be from now: 5 minutes, as AWS rest-json services allow.
    public let allowedClockSkewSeconds: Int64
    private let lookup: @Sendable (String) -> AWSCredentials?

    /// - Parameters:
    ///   - service: the signing name the credential scope must carry.
    ///   - region: the region the scope must carry, or nil for any.
    ///   - allowedClockSkewSeconds: how far `X-Amz-Date` may be from now.
    ///   - credentials: the known credentials for an access key ID, or nil when unknown.
    public init(
        service: String, region: String?, allowedClockSkewSeconds: Int64 = 300,
        credentials: @escaping @Sendable (_ accessKeyID: String) -> AWSCredentials?
    ) {
        self.service = service
        self.region = region
        self.allowedClockSkewSeconds = allowedClockSkewSeconds
        self.lookup = credentials
    }

    /// A verifier that knows exactly `known`.
    public init(
        service: String, region: String?, allowedClockSkewSeconds: Int64 = 300,
        known: [AWSCredentials]
    ) {
        var byKey: [String: AWSCredentials] = [:]
        for credentials in known { byKey[credentials.accessKeyID] = credentials }
        self.init(
            service: service, region: region, allowedClockSkewSeconds: allowedClockSkewSeconds,
            credentials: { [byKey] in byKey[$0] })
    }

    /// Checks `request` as received at `now`: the `Authorization` header, the scope, the date,
    /// the signed `Host` and session token, the payload hash and the signature.
    public func verify(
        _ request: SigningRequest, now: Date
    ) -> Result<Verified, SigV4VerificationFailure> {
        let authorizations = request.values(of: "authorization")
        guard let authorizationValue = authorizations.first,
            Canonical.trimmedAll(authorizationValue).hasPrefix("AWS4-")
        else { return .failure(.init(code: .missingAuthenticationToken, message: Message.missing)) }
        let authorization = AuthorizationHeader(authorizationValue)
        let amzDateValue = request.values(of: "x-amz-date").first

        if let problem = incompleteness(authorization, count: authorizations.count, amzDateValue) {
            return .failure(.init(code: .incompleteSignature, message: problem))
        }
        guard let amzDateValue, let amzDate = AMZDate(amzDate: Canonical.trimmedAll(amzDateValue))
        else {
            let shown = amzDateValue.map(Canonical.trimmedAll) ?? ""
            return .failure(.init(code: .incompleteSignature, message: Message.badDate(shown)))
        }

        if let problem = staleness(amzDate, now: AMZDate(now)) {
            return .failure(.init(code: .invalidSignature, message: problem))
        }

        let signedHeaders = (authorization.parameters["SignedHeaders"] ?? "")
            .split(separator: ";").map { $0.lowercased() }
        guard signedHeaders.contains("host") else {
            return .failure(.init(code: .invalidSignature, message: Message.hostUnsigned))
        }
        let tokens = request.values(of: "x-amz-security-token")
        if !tokens.isEmpty, !signedHeaders.contains("x-amz-security-token") {
            return .failure(.init(code: .invalidSignature, message: Message.tokenUnsigned))
        }

        guard authorization.algorithm == SigV4Signer.algorithm else {
            let message = Message.badAlgorithm(authorization.algorithm)
            return .failure(.init(code: .incompleteSignature, message: message))
        }

        let scope = (authorization.parameters["Credential"] ?? "")
            .split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5 else {
            return .failure(.init(code: .incompleteSignature, message: Message.scopeShape))
        }
        if let problem = scopeProblems(scope, amzDate: amzDate) {
            return .failure(.init(code: .invalidSignature, message: problem))
        }

        guard let known = lookup(scope[0]), tokens.count <= 1,
            known.sessionToken == tokens.first.map(Canonical.trimmedAll)
        else { return .failure(.init(code: .unrecognizedClient, message: Message.unknownClient)) }

        let payloadHash = SHA256.hexHash(request.body)
        if let claimed = request.values(of: "x-amz-content-sha256").first,
            Canonical.trimmedAll(claimed) != payloadHash
        {
            return .failure(.init(code: .invalidSignature, message: Message.payloadMismatch))
        }

        let provided = authorization.parameters["Signature"] ?? ""
        guard
            signatureMatches(
                provided, of: request, signedHeaders: signedHeaders, by: known, scope: scope,
                date: amzDate, payloadHash: payloadHash)
        else { return .failure(.init(code: .invalidSignature, message: Message.mismatch)) }

        return .success(
            Verified(
                accessKeyID: scope[0], region: scope[2], date: amzDate.date,
                signedHeaders: signedHeaders))
    }

    /// True when `provided` is the signature of `request` over exactly `signedHeaders`, under
    /// the scope's region and service.
    private func signatureMatches(
        _ provided: String, of request: SigningRequest, signedHeaders: [String],
        by credentials: AWSCredentials, scope: [String], date: AMZDate, payloadHash: String
    ) -> Bool {
        // A header named in SignedHeaders but absent is signed as empty, as AWS computes it.
        let headers = signedHeaders.flatMap { name in
            let values = request.values(of: name)
            return values.isEmpty ? [(name: name, value: "")] : values.map { (name, $0) }
        }
        let canonical = SigV4Signer.canonicalRequest(
            request, headers: headers, payloadHash: payloadHash, normalizingPath: true)
        guard canonical.signedHeaders == signedHeaders.joined(separator: ";") else { return false }

        let signer = SigV4Signer(credentials: credentials, region: scope[2], service: scope[3])
        let toSign = signer.stringToSign(canonicalRequest: canonical.text, date: date.date)
        return constantTimeEqual(signer.signature(stringToSign: toSign, date: date.date), provided)
    }

    /// AWS's IncompleteSignature text for a header missing a part, or nil when complete.
    private func incompleteness(
        _ authorization: AuthorizationHeader, count: Int, _ amzDate: String?
    ) -> String? {
        if count > 1 { return Message.repeatedAuthorization }
        if !authorization.malformed.isEmpty { return Message.notKeyValue }

        var message = ""
        for name in ["Credential", "Signature", "SignedHeaders"]
        where (authorization.parameters[name] ?? "").isEmpty {
            message += "Authorization header requires '\(name)' parameter. "
        }
        if amzDate == nil {
            message +=
                "Authorization header requires existence of either a 'X-Amz-Date' or "
                + "a 'Date' header. "
        }
        return message.isEmpty ? nil : String(message.dropLast())
    }

    /// AWS's text for a date outside the allowed skew, or nil when current.
    private func staleness(_ date: AMZDate, now: AMZDate) -> String? {
        let skew = allowedClockSkewSeconds
        let minutes = "\(skew / 60) min."
        if date.secondsSince1970 < now.secondsSince1970 - skew {
            let limit = AMZDate(secondsSince1970: now.secondsSince1970 - skew)
            return "Signature expired: \(date.timestamp) is now earlier than "
                + "\(limit.timestamp) (\(now.timestamp) - \(minutes))"
        }
        if date.secondsSince1970 > now.secondsSince1970 + skew {
            let limit = AMZDate(secondsSince1970: now.secondsSince1970 + skew)
            return "Signature not yet current: \(date.timestamp) is still later than "
                + "\(limit.timestamp) (\(now.timestamp) + \(minutes))"
        }
        return nil
    }

    /// AWS's InvalidSignature text for a scope naming another region, service, terminator
    /// or day, or nil when the scope is right.
    private func scopeProblems(_ scope: [String], amzDate: AMZDate) -> String? {
        var message = ""
        if scope[2].isEmpty || (region != nil && scope[2] != region) {
            message += "Credential should be scoped to a valid region, not '\(scope[2])'. "
        }
        if scope[3] != service {
            message += "Credential should be scoped to correct service: '\(service)'. "
        }
        if scope[4] != "aws4_request" {
            message +=
                "Credential should be scoped with a valid terminator: 'aws4_request', "
                + "not '\(scope[4])'. "
        }
        if scope[1] != amzDate.dateStamp {
            message +=
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                + "of date from HTTP: '\(scope[1])' != '\(amzDate.dateStamp)', from "
                + "'\(amzDate.timestamp)'. "
        }
        return message.isEmpty ? nil : String(message.dropLast())
    }

    /// Compares without stopping at the first difference, so timing reveals nothing.
    private func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let leftBytes = Array(left.utf8)
        let rightBytes = Array(right.utf8)
        guard leftBytes.count == rightBytes.count else { return false }
        var difference: UInt8 = 0
        for index in leftBytes.indices { difference |= leftBytes[index] ^ rightBytes[index] }
        return difference == 0
    }
}

/// The texts AWS answers, kept in one place.
private enum Message {
    static let missing = "Missing Authentication Token"
    static let repeatedAuthorization = "Authorization header must appear only once."
    static let notKeyValue =
        "An Authorization header parameter is not a valid key=value pair (missing equal-sign)."
    static let hostUnsigned =
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    static let tokenUnsigned =
        "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization."
    static let scopeShape =
        "Credential must have exactly 5 slash-delimited elements, "
        + "e.g. keyid/date/region/service/term."
    static let unknownClient = "The security token included in the request is invalid."
    static let payloadMismatch =
        "The provided 'x-amz-content-sha256' header does not match what was computed."
    static let mismatch =
        "The request signature we calculated does not match the signature you provided. "
        + "Check your AWS Secret Access Key and signing method. "
        + "Consult the service documentation for details."

    static func badDate(_ value: String) -> String {
        "Date must be in ISO-8601 'basic format'. Got '\(value)'. "
            + "See http://en.wikipedia.org/wiki/ISO_8601"
    }

    static func badAlgorithm(_ value: String) -> String {
        "Unsupported AWS 'algorithm': '\(value)' (only AWS4-HMAC-SHA256 for now)."
    }
}
