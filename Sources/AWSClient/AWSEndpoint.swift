/// Where a service's requests go: scheme, host, port and a path prefix kept from an override.
public struct AWSEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `https`, or `http` for a local override.
    public var scheme: String
    /// The host name or IP address; an IPv6 address keeps its brackets.
    public var host: String
    /// The port when the URL names one.
    public var port: Int?
    /// The path the override URL carries, without a trailing slash (`""` for none).
    public var basePath: String

    /// Parses and checks an endpoint URL as `AWS_ENDPOINT_URL` gives it; nil when it is not an
    /// absolute http(s) URL with a host and no user, query or fragment.
    public init?(url: String) {
        let bytes = Array(url.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        guard !rest.contains(where: { "?#@\\".contains($0) }) else { return nil }
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }

        guard let (host, port) = Self.splitAuthority(authority) else { return nil }
        self.init(scheme: scheme, host: host, port: port, basePath: path)
    }

    /// An endpoint from its parts; `basePath` is empty or starts with `/`.
    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// The AWS endpoint of `service` in `region` (`https://api.detective.eu-west-2.amazonaws.com`),
    /// or nil for a region that is not valid or not in a served partition.
    public static func standard(for service: AWSService, region: String) -> AWSEndpoint? {
        guard let partition = Partition(region: region) else { return nil }
        let prefix =
            switch service {
            case .detective: "api.detective"
            case .securityHub: "securityhub"
            }
        return AWSEndpoint(scheme: "https", host: "\(prefix).\(region).\(partition.dnsSuffix)")
    }

    /// The `Host` header: the host, with the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// The path on the wire for an operation path: the base path, then `path`.
    public func wirePath(for path: String) -> String {
        let operationPath = path.hasPrefix("/") ? path : "/" + path
        return basePath + operationPath
    }

    /// The full URL of an operation path (which may carry a query).
    public func url(for path: String) -> String {
        "\(scheme)://\(hostHeader)\(wirePath(for: path))"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(basePath)" }

    private static func splitAuthority(_ authority: Substring) -> (String, Int?)? {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
            guard host.count > 2 else { return nil }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        if !authority.hasPrefix("[") {
            let allowed = Set(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".utf8)
            guard host.utf8.allSatisfy({ allowed.contains($0) }) else { return nil }
        }
        guard let portText else { return (String(host), nil) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
            let port = Int(portText), (1...65535).contains(port)
        else { return nil }
        return (String(host), port)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
