import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Why a child process could not be started.
public struct ChildProcessError: Error, Sendable, CustomStringConvertible {
    /// The executable that failed to start.
    public var path: String
    /// The `errno` of `posix_spawn`.
    public var errorNumber: Int32

    public var description: String {
        "cannot start \(path): \(String(cString: strerror(errorNumber)))"
    }
}

/// A child process (the real `bootstrap`) with an environment of our choosing and its output
/// going to a log file.
public final class ChildProcess: Sendable {
    /// The process ID.
    public let pid: pid_t
    private let reaped = Mutex<Int32?>(nil)

    /// Starts `path` with `arguments` and exactly `environment`; stdout and stderr are appended
    /// to `logPath`.
    public init(
        path: String, arguments: [String] = [], environment: [String: String], logPath: String
    ) throws(ChildProcessError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
            + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, nil, argv, envp)
        guard status == 0 else { throw ChildProcessError(path: path, errorNumber: status) }
        pid = child
    }

    /// The exit status when the process has ended (reaping it), else nil.
    public func exitStatus() -> Int32? {
        reaped.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            known = Self.decode(status)
            return known
        }
    }

    /// Sends SIGTERM, waits up to `grace` for the exit, then SIGKILL; returns the exit status.
    @discardableResult
    public func terminate(grace: Duration = .seconds(3)) -> Int32 {
        if let status = exitStatus() { return status }
        kill(pid, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while clock.now < deadline {
            if let status = exitStatus() { return status }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        return reaped.withLock { known in
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            known = Self.decode(status)
            return Self.decode(status)
        }
    }

    // The exit code, or 128 plus the signal number as shells report a signalled process.
    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
