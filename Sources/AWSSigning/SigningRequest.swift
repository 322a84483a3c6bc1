/// The parts of an HTTP request that a SigV4 signature covers.
public struct SigningRequest: Sendable {
    /// The HTTP method (`POST`, `PATCH`, `GET`).
    public var method: String
    /// The path exactly as sent on the wire, already percent-encoded (`/findings/batchupdate`).
    public var path: String
    /// The raw query string as sent, without the leading `?`; empty for none.
    public var query: String
    /// The headers in the order they are sent; every one of them is signed.
    public var headers: [(name: String, value: String)]
    /// The body bytes; empty for none.
    public var body: [UInt8]

    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the percent-encoded path as sent on the wire.
    ///   - query: the raw query string without `?`.
    ///   - headers: the headers to send and sign; `Host` must be among them.
    ///   - body: the body bytes.
    public init(
        method: String, path: String, query: String = "",
        headers: [(name: String, value: String)], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Every value of the header `name` (compared case-insensitively), in order.
    public func values(of name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}

extension SigningRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Headers that carry a credential or a signature; their values are never shown.
    static let secretHeaders: Set<String> = ["authorization", "x-amz-security-token"]

    /// Method, path, query, headers (secrets redacted) and body size.
    public var description: String {
        let shown = headers.map { header in
            let hidden = Self.secretHeaders.contains(header.name.lowercased())
            return "\(header.name): \(hidden ? "redacted" : header.value)"
        }
        let target = query.isEmpty ? path : "\(path)?\(query)"
        return "SigningRequest(\(method) \(target), headers: [\(shown.joined(separator: ", "))], "
            + "body: \(body.count) bytes)"
    }

    /// The same text as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the secret header values, so `dump` and test failures cannot show them.
    public var customMirror: Mirror {
        Mirror(self, children: ["request": description], displayStyle: .struct)
    }
}
