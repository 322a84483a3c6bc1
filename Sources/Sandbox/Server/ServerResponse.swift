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

    /// A response with the given status, headers and body.
    public init(status: Int, headers: [ServerHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropsConnection = false
    }

    private init(dropping: Void) {
        self.status = 0
        self.headers = []
        self.body = []
        self.dropsConnection = true
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
    public static let dropConnection = ServerResponse(dropping: ())

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
