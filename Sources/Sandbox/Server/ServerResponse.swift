import JSON

/// What a handler answers; the server adds `Content-Length` and `Connection` itself.
public struct ServerResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header lines to send; framing headers among them are replaced by the server's own.
    public var headers: [ServerHeader]
    /// The body.
    public var body: [UInt8]
    /// True when the server closes the socket instead of answering.
    public let dropsConnection: Bool
    /// True when the server sends the head and part of the body, then closes.
    public let truncatesBody: Bool

    /// A response with the given status, headers and body.
    public init(status: Int, headers: [ServerHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropsConnection = false
        self.truncatesBody = false
    }

    private init(dropping: Bool, truncating: Bool, body: [UInt8]) {
        self.status = 200
        self.headers = [ServerHeader("Content-Type", "application/json")]
        self.body = body
        self.dropsConnection = dropping
        self.truncatesBody = truncating
    }

    /// A JSON body with `Content-Type: application/json`.
    public static func json(
        status: Int = 200, _ value: JSONValue, headers: [ServerHeader] = []
    ) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [ServerHeader("Content-Type", "application/json")] + headers,
            body: value.encoded())
    }

    /// A plain-text body.
    public static func text(
        status: Int = 200, _ text: String, headers: [ServerHeader] = []
    ) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [ServerHeader("Content-Type", "text/plain; charset=utf-8")] + headers,
            body: Array(text.utf8))
    }

    /// Closes the socket without answering, to inject a dropped connection.
    ///
    /// libcurl silently retries a request once on a fresh connection when a reused one
    /// closes before any answer byte, so on a kept-alive connection the handler sees the
    /// request again; `truncatedResponse` is the drop no client can take for a stale reuse.
    public static let dropConnection = ServerResponse(dropping: true, truncating: false, body: [])

    /// Sends a 200 head promising more body than follows, then closes the socket.
    public static let truncatedResponse = ServerResponse(
        dropping: false, truncating: true, body: Array(#"{"truncated":"#.utf8))

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
