import Logging
import Synchronization

/// A small HTTP/1.1 client on libcurl: verified TLS, timeouts, and connection reuse.
///
/// Each exchange runs on a thread of its own, never on Swift concurrency's pool, because
/// libcurl blocks for the whole exchange; threads are kept for reuse, as creating one per
/// exchange showed in profiles. Safe to share between concurrent tasks.
public final class HTTPClient: Sendable {
    /// The largest response body accepted; a longer one fails with `responseTooLarge`.
    public let maxResponseBytes: Int
    private let maxIdleHandles: Int
    private let logger: Logger
    /// Idle easy handles by origin: a handle keeps its connection, so reuse is per host.
    private let idleHandles = Mutex<[String: [EasyHandle]]>([:])
    private let threads: TransferThreads

    /// - Parameters:
    ///   - maxResponseBytes: the largest body accepted; by default Lambda's 6 MB payload
    ///     limit plus room for an envelope.
    ///   - maxIdleConnections: how many idle connections are kept for reuse.
    ///   - logger: gets one trace line per exchange (method, origin, status, duration).
    public init(
        maxResponseBytes: Int = 6 * 1024 * 1024 + 1024, maxIdleConnections: Int = 8,
        logger: Logger = .disabled
    ) {
        self.maxResponseBytes = maxResponseBytes
        self.maxIdleHandles = maxIdleConnections
        self.logger = logger
        threads = TransferThreads(maxIdle: maxIdleConnections)
    }

    /// Sends `request` and returns the final response, whatever its status.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let transfer = CurlTransfer(request: request, maxResponseBytes: maxResponseBytes)
        let origin = Self.origin(of: request.url)
        let started = ContinuousClock.now

        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let running = threads.run {
                    continuation.resume(returning: self.run(transfer, origin: origin))
                }
                if !running {
                    continuation.resume(
                        returning: .failure(
                            HTTPClientError(code: .other, message: "no thread for the exchange")))
                }
            }
        } onCancel: {
            transfer.cancel()
        }

        let elapsed = ContinuousClock.now - started
        let fields = [
            "method": request.method, "origin": origin,
            "milliseconds": String(
                elapsed.components.seconds * 1000
                    + elapsed.components.attoseconds / 1_000_000_000_000_000),
        ]
        switch result {
        case .success(let response):
            logger.trace("HTTP exchange", fields.merging(["status": "\(response.status)"]) { $1 })
        case .failure(let error):
            logger.debug("HTTP exchange failed", fields.merging(["error": "\(error)"]) { $1 })
        }
        return try result.get()
    }

    /// Runs one exchange on the calling thread with a pooled or new handle.
    private func run(
        _ transfer: CurlTransfer, origin: String
    ) -> Result<HTTPResponse, HTTPClientError> {
        let pooled = idleHandles.withLock { $0[origin]?.popLast() }
        guard let handle = pooled ?? EasyHandle() else {
            return .failure(HTTPClientError(code: .other, message: "libcurl did not initialise"))
        }

        let result = transfer.perform(on: handle)

        // A handle that failed may hold a broken connection; it is cheaper to start afresh.
        if case .success = result {
            idleHandles.withLock { idle in
                guard idle.values.reduce(0, { $0 + $1.count }) < maxIdleHandles else { return }
                idle[origin, default: []].append(handle)
            }
        }
        return result
    }

    /// `scheme://host:port` of `url`, lowercased: the key for connection reuse and for logs,
    /// which must never carry the path or query.
    static func origin(of url: String) -> String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty else { return "" }
        let authority = parts[2].prefix { $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last ?? ""
        return (parts[0] + "//" + host).lowercased()
    }
}
