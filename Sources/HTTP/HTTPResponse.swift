/// The final response of an exchange; interim `100 Continue` answers are left out.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header lines in the order received, without the status line.
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.firstValue(named: name)
    }
}
