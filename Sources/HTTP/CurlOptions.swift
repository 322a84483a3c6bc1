import CCurl

#if canImport(Glibc)
    import Glibc
#endif

/// Translates an `HTTPRequest` into easy-handle options.
enum CurlOptions {
    /// Headers libcurl would add on its own; a line `Name:` tells it not to.
    private static let suppressedDefaults = ["Expect", "Accept", "Content-Type"]

    /// Sets everything but the headers and body; an error when the request cannot be sent.
    static func apply(
        _ request: HTTPRequest, maxResponseBytes: Int, to curl: UnsafeMutableRawPointer
    ) -> HTTPClientError? {
        guard isToken(request.method) else {
            return HTTPClientError(code: .invalidRequest, message: "method is not a token")
        }
        let scheme = request.url.prefix(8).lowercased()
        guard scheme.hasPrefix("http://") || scheme.hasPrefix("https://"),
            request.url.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else {
            return HTTPClientError(code: .invalidRequest, message: "URL is not absolute http(s)")
        }
        _ = ccurl_setopt_string(curl, CURLOPT_URL, request.url)
        _ = ccurl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")

        // Verification is not configurable on purpose: every AWS endpoint has a valid chain.
        _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle = caBundlePath {
            _ = ccurl_setopt_string(curl, CURLOPT_CAINFO, caBundle)
        }

        // Signals would hit arbitrary threads of the Lambda process; timeouts must not use them.
        _ = ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0)
        // Lambda has no proxy, and a proxy variable must never route loopback tests elsewhere.
        _ = ccurl_setopt_string(curl, CURLOPT_PROXY, "")
        _ = ccurl_setopt_long(curl, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        _ = ccurl_setopt_long(curl, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_setopt_long(
            curl, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout))
        _ = ccurl_setopt_long(curl, CURLOPT_TIMEOUT_MS, request.timeout.map(milliseconds) ?? 0)
        _ = ccurl_setopt_off_t(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxResponseBytes))

        if sendsBody(request) {
            if request.method != "POST" {
                _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method)
            }
        } else if request.method == "HEAD" {
            _ = ccurl_setopt_long(curl, CURLOPT_NOBODY, 1)
        } else {
            _ = ccurl_setopt_long(curl, CURLOPT_HTTPGET, 1)
            if request.method != "GET" {
                _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method)
            }
        }
        return nil
    }

    /// The trust store to verify servers with. The bundled libcurl comes from Debian and looks
    /// for Debian's file, which Amazon Linux 2023 keeps elsewhere; `SSL_CERT_FILE` wins.
    static let caBundlePath: String? = {
        var candidates: [String] = []
        if let fromEnvironment = getenv("SSL_CERT_FILE") {
            candidates.append(String(cString: fromEnvironment))
        }
        candidates += [
            "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt",
            "/etc/ssl/cert.pem",
        ]
        return candidates.first { !$0.isEmpty && access($0, R_OK) == 0 }
    }()

    /// Runs `perform` with the request body attached, when the request has one.
    static func withBody(
        _ request: HTTPRequest, on curl: UnsafeMutableRawPointer,
        _ perform: () -> CURLcode
    ) -> CURLcode {
        guard sendsBody(request) else { return perform() }

        _ = ccurl_setopt_long(curl, CURLOPT_POST, 1)
        _ = ccurl_setopt_off_t(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
        if request.body.isEmpty {
            // A null pointer here would make libcurl read the body from standard input.
            _ = ccurl_setopt_string(curl, CURLOPT_COPYPOSTFIELDS, "")
            return perform()
        }
        return request.body.withUnsafeBytes { raw in
            _ = ccurl_setopt_pointer(
                curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            defer { _ = ccurl_setopt_pointer(curl, CURLOPT_POSTFIELDS, nil) }
            return perform()
        }
    }

    /// The header lines exactly as given, plus lines that switch off libcurl's own defaults.
    static func headerList(
        for headers: [HTTPHeader]
    ) -> Result<UnsafeMutablePointer<curl_slist>?, HTTPClientError> {
        var lines: [String] = []
        for header in headers {
            guard isToken(header.name),
                header.value.utf8.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) })
            else {
                return .failure(
                    HTTPClientError(
                        code: .invalidRequest, message: "header \(header.name) is malformed"))
            }
            // libcurl drops a header written `Name:`; `Name;` is its spelling for an empty value.
            lines.append(
                header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        let given = Set(headers.map { $0.name.lowercased() })
        for name in suppressedDefaults where !given.contains(name.lowercased()) {
            lines.append("\(name):")
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let extended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                return .failure(HTTPClientError(code: .other, message: "out of memory"))
            }
            list = extended
        }
        return .success(list)
    }

    /// POST, PUT and PATCH always carry a body, even an empty one, so they send a length.
    private static func sendsBody(_ request: HTTPRequest) -> Bool {
        !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method)
    }

    /// Whole milliseconds, at least 1: libcurl reads 0 as "no limit".
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds < 1_000_000_000 else { return 1_000_000_000_000 }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
                }
            }
    }
}
