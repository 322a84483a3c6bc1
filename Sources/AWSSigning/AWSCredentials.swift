/// An AWS access key pair, with the session token of temporary credentials.
///
/// Every textual form (`description`, `debugDescription`, `dump`) hides the secret access key
/// and the session token, so credentials can never reach a log line by accident.
public struct AWSCredentials: Sendable, Equatable {
    /// The access key ID (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public var accessKeyID: String
    /// The secret access key; it signs requests and is never shown.
    public var secretAccessKey: String
    /// The session token of temporary credentials; sent and signed, never shown.
    public var sessionToken: String?

    /// - Parameters:
    ///   - accessKeyID: the access key ID.
    ///   - secretAccessKey: the secret access key.
    ///   - sessionToken: the session token, for temporary credentials only.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key ID's four-character kind prefix only; secrets are never shown.
    public var description: String {
        let kind = String(accessKeyID.prefix(4))
        let token = sessionToken == nil ? "none" : "redacted"
        return "AWSCredentials(accessKeyID: \(kind)…, secretAccessKey: redacted, "
            + "sessionToken: \(token))"
    }

    /// The same text as ``description``.
    public var debugDescription: String { description }
}

extension AWSCredentials: CustomReflectable {
    /// A mirror without the secret values, so `dump` and reflection cannot reveal them.
    public var customMirror: Mirror {
        Mirror(self, children: ["credentials": description], displayStyle: .struct)
    }
}
