import HTTP
import Logging

/// The Lambda Runtime API over HTTP, at the `host:port` of `AWS_LAMBDA_RUNTIME_API`.
public struct RuntimeAPIClient: RuntimeAPI {
    /// The `host:port` served.
    public let endpoint: String
    private let baseURL: String
    private let http: HTTPClient

    /// - Parameters:
    ///   - endpoint: `host:port`, as `AWS_LAMBDA_RUNTIME_API` gives it.
    ///   - httpClient: the client the calls go through.
    public init(
        endpoint: String, httpClient: HTTPClient = HTTPClient()
    ) throws(LambdaRuntimeError) {
        guard Self.isHostAndPort(endpoint) else {
            throw LambdaRuntimeError(
                .invalidEndpoint,
                "AWS_LAMBDA_RUNTIME_API=\(JSONText.quote(endpoint)) is not a host:port")
        }
        self.endpoint = endpoint
        self.baseURL = "http://\(endpoint)/2018-06-01/runtime"
        self.http = httpClient
    }

    public func next(logger: Logger) async throws(LambdaRuntimeError) -> Invocation {
        // No timeout: Lambda freezes the environment while this waits between invocations.
        let response = try await send("GET", "/invocation/next", headers: [], body: [])
        switch response.status {
        case 200:
            let context = try LambdaContext(header: { response.header($0) }, logger: logger)
            return Invocation(event: response.body, context: context)
        case 500:
            throw LambdaRuntimeError(.environmentBroken, "GET next answered 500: \(text(response))")
        default:
            throw LambdaRuntimeError(
                .unexpectedStatus, "GET next answered \(response.status): \(text(response))")
        }
    }

    public func postResponse(
        requestID: String, body: [UInt8]
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        let path = "/invocation/\(Self.pathSegment(requestID))/response"
        return try await post(path, headers: [], body: body)
    }

    public func postError(
        requestID: String, error: InvocationError
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        let path = "/invocation/\(Self.pathSegment(requestID))/error"
        return try await post(path, headers: Self.errorHeaders(error), body: error.body)
    }

    public func postInitError(
        _ error: InvocationError
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        try await post("/init/error", headers: Self.errorHeaders(error), body: error.body)
    }

    private func post(
        _ path: String, headers: [HTTPHeader], body: [UInt8]
    ) async throws(LambdaRuntimeError) -> PostOutcome {
        let response = try await send("POST", path, headers: headers, body: body)
        switch response.status {
        case 202:
            return .accepted
        case 500:
            throw LambdaRuntimeError(
                .environmentBroken, "POST \(path) answered 500: \(text(response))")
        default:
            return .rejected(status: response.status, body: text(response))
        }
    }

    private func send(
        _ method: String, _ path: String, headers: [HTTPHeader], body: [UInt8]
    ) async throws(LambdaRuntimeError) -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: baseURL + path, headers: headers, body: body, timeout: nil,
            connectTimeout: .seconds(5))
        do {
            return try await http.send(request)
        } catch {
            throw LambdaRuntimeError(.transport, "\(method) \(path) failed: \(error)")
        }
    }

    private func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body.prefix(1000), as: UTF8.self)
    }

    private static func errorHeaders(_ error: InvocationError) -> [HTTPHeader] {
        // A header value cannot hold a line break; the type is ours, but stay safe.
        let type = String(error.errorType.filter { $0 != "\r" && $0 != "\n" })
        return [
            HTTPHeader(name: "Content-Type", value: InvocationError.contentType),
            HTTPHeader(name: "Lambda-Runtime-Function-Error-Type", value: type),
        ]
    }

    /// The request ID as one path segment: anything but unreserved characters is escaped.
    static func pathSegment(_ requestID: String) -> String {
        var segment = ""
        for byte in requestID.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                segment.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                segment += "%"
                segment.unicodeScalars.append(hex[Int(byte >> 4)])
                segment.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return segment
    }

    private static func isHostAndPort(_ endpoint: String) -> Bool {
        guard let colon = endpoint.lastIndex(of: ":") else { return false }
        let host = endpoint[..<colon]
        let port = endpoint[endpoint.index(after: colon)...]
        guard let number = Int(port), (1...65_535).contains(number) else { return false }
        return !host.isEmpty && !host.contains(where: { "/?#@ ".contains($0) })
    }
}
