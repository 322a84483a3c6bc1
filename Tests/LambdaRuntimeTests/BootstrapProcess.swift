import Foundation
import Testing

/// The built `bootstrap` binary run as a child process, its output captured in files.
final class BootstrapProcess {
    let process = Process()
    private let outputURL: URL
    private let errorURL: URL

    /// Fake credentials and an endpoint that refuses connections, so nothing leaves the machine.
    static let safeEnvironment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN": "fake-session-token",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
        "AWS_MAX_ATTEMPTS": "1",
        "PATH": "/usr/bin:/bin",
    ]

    /// The `bootstrap` next to the test bundle, in the build products folder.
    static func binaryURL() throws -> URL {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bootstrap")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw BinaryMissing(searchedFrom: executable)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        let searchedFrom: String
        var description: String { "no built bootstrap near \(searchedFrom)" }
    }

    /// Starts `bootstrap` with `arguments`, the safe environment plus `environment`, and
    /// `input` on standard input.
    init(
        arguments: [String] = [], environment: [String: String] = [:], input: [UInt8]? = nil
    ) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("bootstrap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputURL = folder.appendingPathComponent("stdout")
        errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

        process.executableURL = try Self.binaryURL()
        process.arguments = arguments
        process.environment = Self.safeEnvironment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input))
        }
        try stdin.fileHandleForWriting.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: outputURL.deletingLastPathComponent())
    }

    /// Waits up to `timeout` for the process to exit; its status, or nil if it still runs.
    func waitForExit(timeout: Duration) -> Int32? {
        let limit = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < limit {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// How the process ended: by exit or by an uncaught signal.
    var terminationReason: Process.TerminationReason { process.terminationReason }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// What the process wrote to standard output so far.
    var standardOutput: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

    /// What the process wrote to standard error so far.
    var standardError: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
}
