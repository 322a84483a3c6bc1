/// The parts of a SigV4 `Authorization` header value.
struct AuthorizationHeader {
    /// `AWS4-HMAC-SHA256`, or whatever else the client named.
    var algorithm: String
    /// The `key=value` parameters, keys as written.
    var parameters: [String: String]
    /// Parameters written without `=`, which AWS refuses.
    var malformed: [String]

    /// Splits `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
    init(_ value: String) {
        let trimmed = Canonical.trimmedAll(value)
        let head = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        algorithm = head.first.map(String.init) ?? ""
        parameters = [:]
        malformed = []
        guard head.count > 1 else { return }

        for part in head[1].split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard let equals = part.firstIndex(of: "=") else {
                malformed.append(String(part))
                continue
            }
            let key = String(part[..<equals])
            parameters[key] = String(part[part.index(after: equals)...])
        }
    }
}
