/// One header line, name as received and value with surrounding blanks trimmed.
public struct ServerHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    /// A header line `name: value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One HTTP request as the loopback server received it.
public struct ServerRequest: Sendable {
    /// The method token, e.g. `GET`.
    public var method: String
    /// The raw request-target, path and query as received.
    public var target: String
    /// The part of the target before `?`, still percent-encoded.
    public var path: String
    /// The part of the target after `?`, raw; empty when there is none.
    public var query: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// Header lines in the order received.
    public var headers: [ServerHeader]
    /// The body, de-chunked when it came chunked.
    public var body: [UInt8]

    /// A request; `path` and `query` are split from `target`.
    public init(
        method: String, target: String, version: String = "HTTP/1.1",
        headers: [ServerHeader] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            self.path = String(target[..<mark])
            self.query = String(target[target.index(after: mark)...])
        } else {
            self.path = target
            self.query = ""
        }
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The values of every header called `name`, compared case-insensitively.
    public func headers(named name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}
