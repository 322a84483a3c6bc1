/// One request to send; headers go on the wire exactly as given, nothing added but framing.
public struct HTTPRequest: Sendable {
    /// The method token, e.g. `GET` or `PATCH`.
    public var method: String
    /// An absolute `http` or `https` URL.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The limit for the whole exchange; nil waits forever, as the Runtime API's long poll needs.
    public var timeout: Duration?
    /// The limit for DNS, TCP and TLS set-up.
    public var connectTimeout: Duration

    /// - Parameters:
    ///   - method: the method token.
    ///   - url: an absolute `http` or `https` URL.
    ///   - headers: sent in this order, names and values unchanged.
    ///   - body: sent with a `Content-Length`, for any method.
    ///   - timeout: the limit for the whole exchange; nil for none.
    ///   - connectTimeout: the limit for setting up the connection.
    public init(
        method: String = "GET", url: String, headers: [HTTPHeader] = [], body: [UInt8] = [],
        timeout: Duration? = .seconds(30), connectTimeout: Duration = .seconds(5)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}
