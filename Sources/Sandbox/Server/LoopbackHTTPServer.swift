import DetachedThread
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server on 127.0.0.1 that runs a handler per request, one thread per connection.
///
/// Handlers may block (a long poll, an injected slow answer): each connection has its own
/// thread, so one blocked handler never holds up another connection.
public final class LoopbackHTTPServer: Sendable {
    /// The bound port, never 0.
    public let port: UInt16
    private let core: ServerCore

    /// Binds 127.0.0.1 at `port` (0 picks a free one) and starts accepting connections.
    /// - Parameters:
    ///   - port: the port to bind; 0 lets the system choose.
    ///   - handler: answers each request; it runs on the connection's own thread.
    public init(
        port: UInt16 = 0, handler: @escaping @Sendable (ServerRequest) -> ServerResponse
    ) throws(ServerError) {
        let listener = try Self.listen(port: port)
        self.port = listener.port
        core = ServerCore(listener: listener.socket, handler: handler)
        try core.start()
    }

    deinit {
        core.shutdown()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// How many connections the server has accepted so far; shows whether clients reuse them.
    public var acceptedConnectionCount: Int { core.acceptedConnectionCount }

    /// Stops accepting, closes every connection and waits for their threads; idempotent.
    ///
    /// A handler still running is not interrupted: this waits for it to return.
    public func shutdown() {
        core.shutdown()
    }

    private static func listen(port: UInt16) throws(ServerError) -> (socket: Int32, port: UInt16) {
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let listener = socket(AF_INET, socketType, 0)
        guard listener >= 0 else {
            throw ServerError(code: .socket, errorNumber: errno, message: "socket()")
        }

        var reuse: Int32 = 1
        setsockopt(
            listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length)
            }
        }
        guard bound == 0 else {
            let error = ServerError(
                code: .bind, errorNumber: errno, message: "bind 127.0.0.1:\(port)")
            close(listener)
            throw error
        }
        guard Glibc.listen(listener, 128) == 0 else {
            let error = ServerError(code: .listen, errorNumber: errno, message: "listen()")
            close(listener)
            throw error
        }

        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(listener, $0, &actualLength)
            }
        }
        return (listener, UInt16(bigEndian: actual.sin_port))
    }
}

/// The state the accept and connection threads share; apart from the server object so
/// that dropping the last reference to the server can still shut it down.
private final class ServerCore: Sendable {
    private struct State {
        var stopping = false
        var openSockets: Set<Int32> = []
        var accepted = 0
    }

    private let listener: Int32
    private let handler: @Sendable (ServerRequest) -> ServerResponse
    private let limits = RequestLimits()
    private let state = Mutex(State())
    private let threads = DispatchGroup()
    private let listenerClosed = Atomic<Bool>(false)

    init(listener: Int32, handler: @escaping @Sendable (ServerRequest) -> ServerResponse) {
        self.listener = listener
        self.handler = handler
    }

    var acceptedConnectionCount: Int { state.withLock { $0.accepted } }

    func start() throws(ServerError) {
        threads.enter()
        guard startDetachedThread({ self.acceptLoop() }) else {
            threads.leave()
            shutdown()
            throw ServerError(code: .thread, errorNumber: 0, message: "no accept thread")
        }
    }

    func shutdown() {
        let sockets: Set<Int32>? = state.withLock { state in
            if state.stopping { return nil }
            state.stopping = true
            return state.openSockets
        }
        if let sockets {
            // shutdown() wakes threads blocked in accept() or recv(); close() would not.
            Glibc.shutdown(listener, Int32(SHUT_RDWR))
            state.withLock { _ in
                for socket in sockets { Glibc.shutdown(socket, Int32(SHUT_RDWR)) }
            }
        }
        threads.wait()
        if !listenerClosed.exchange(true, ordering: .acquiringAndReleasing) {
            close(listener)
        }
    }

    private func acceptLoop() {
        defer { threads.leave() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if state.withLock({ $0.stopping }) { return }
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }

            let admitted = state.withLock { state in
                guard !state.stopping else { return false }
                state.openSockets.insert(connection)
                state.accepted += 1
                return true
            }
            guard admitted else {
                close(connection)
                return
            }

            // Glibc's module hides accept4; a child spawned in this gap may inherit the socket.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            var noDelay: Int32 = 1
            setsockopt(
                connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay,
                socklen_t(MemoryLayout<Int32>.size))
            threads.enter()
            if !startDetachedThread({ self.serve(connection) }) {
                threads.leave()
                finish(connection)
            }
        }
    }

    private func serve(_ connection: Int32) {
        defer { threads.leave() }
        ServerConnection(socket: connection, limits: limits, handler: handler).run()
        finish(connection)
    }

    /// Forgets and closes a socket under the lock, so shutdown never touches a reused number.
    private func finish(_ connection: Int32) {
        state.withLock { state in
            state.openSockets.remove(connection)
            close(connection)
        }
    }
}
