/// The Runtime API emulator served on loopback, ready for `AWS_LAMBDA_RUNTIME_API`.
public final class RuntimeAPIServer: Sendable {
    /// The emulator answering the requests: queue events on it and read what was posted.
    public let emulator: RuntimeAPIEmulator
    private let server: LoopbackHTTPServer

    /// Serves `emulator` on 127.0.0.1 at `port` (0 picks a free one).
    public init(
        emulator: RuntimeAPIEmulator = RuntimeAPIEmulator(), port: UInt16 = 0
    ) throws(ServerError) {
        self.emulator = emulator
        self.server = try LoopbackHTTPServer(port: port) { request in
            emulator.handle(request)
        }
    }

    /// The bound port.
    public var port: UInt16 { server.port }

    /// `127.0.0.1:PORT`, the value `AWS_LAMBDA_RUNTIME_API` takes.
    public var endpoint: String { "127.0.0.1:\(server.port)" }

    /// Ends pending long polls, then stops the server; idempotent.
    public func shutdown() {
        emulator.close()
        server.shutdown()
    }
}
