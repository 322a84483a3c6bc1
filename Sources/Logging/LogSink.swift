import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where finished log lines go.
public protocol LogSink: Sendable {
    /// Writes one complete line (without its trailing newline).
    func write(line: String)
}

/// Writes each line straight to a file descriptor with `write(2)`: no buffering to lose.
public struct FileDescriptorSink: LogSink {
    private let descriptor: Int32

    /// Standard output, which Lambda forwards to CloudWatch Logs.
    public static let standardOutput = FileDescriptorSink(descriptor: 1)
    /// Standard error.
    public static let standardError = FileDescriptorSink(descriptor: 2)

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                    Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                    Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Keeps every line in memory; for tests that assert on what was logged.
public final class CapturingSink: LogSink {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func write(line: String) {
        storage.withLock { $0.append(line) }
    }

    /// Every line written so far, oldest first.
    public var lines: [String] {
        storage.withLock { $0 }
    }
}
