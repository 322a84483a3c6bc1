import CCurl

/// An exchange that produced no usable response.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// The host name did not resolve.
        case dns
        /// No TCP connection could be made.
        case connect
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The connect or total timeout ran out.
        case timeout
        /// The connection broke while sending or receiving, or closed with no answer.
        case connectionDropped
        /// The response body passed the client's limit.
        case responseTooLarge
        /// The request cannot be sent: bad URL, scheme or header.
        case invalidRequest
        /// The task awaiting the response was cancelled.
        case cancelled
        /// Anything else libcurl reported.
        case other
    }

    public var code: Code
    /// What went wrong, from libcurl's own detail when it gave one; never headers or body.
    public var message: String

    /// An error of kind `code`.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// True when trying the same request again may succeed.
    public var isTransient: Bool {
        switch code {
        case .dns, .connect, .timeout, .connectionDropped: true
        case .tls, .responseTooLarge, .invalidRequest, .cancelled, .other: false
        }
    }

    public var description: String { "HTTP \(code.rawValue): \(message)" }

    /// The kind of failure a libcurl result stands for.
    static func code(for result: CURLcode) -> Code {
        switch result {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_COULDNT_CONNECT: .connect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            .tls
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE,
            CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .connectionDropped
        case CURLE_FILESIZE_EXCEEDED: .responseTooLarge
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            .invalidRequest
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        default: .other
        }
    }
}
