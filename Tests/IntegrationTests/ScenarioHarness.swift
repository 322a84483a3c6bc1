import Foundation
import Sandbox
import Testing

/// Runs the real `bootstrap` against a sandbox serving one fixture scenario.
struct ScenarioHarness {
    let host: SandboxHost
    let report: RunReport
    let log: String

    /// Serves `name` (a file in Fixtures), starts `bootstrap`, sends every event, stops it.
    init(_ name: String) throws {
        let url = try #require(
            Bundle.module.url(
                forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        let scenario = try Scenario(contentsOfFile: url.path)
        host = try SandboxHost(scenario: scenario)
        let logURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("integration-\(name)-\(UUID().uuidString).log")
        var environment = host.functionEnvironment
        environment["PATH"] = "/usr/bin:/bin"
        let child = try ChildProcess(
            path: try Self.bootstrapPath(), environment: environment, logPath: logURL.path)
        report = ScenarioRun.drive(host, child: child) { _ in }
        child.terminate()
        log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: logURL)
        host.shutdown()
    }

    /// The stored finding `id` as it is after the run.
    func finding(_ id: String) -> FindingResult? {
        report.findings.first { $0.findingID == id }
    }

    /// The built `bootstrap`, found beside the test binary in the build products folder.
    static func bootstrapPath() throws -> String {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bootstrap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw HarnessError(message: "no built bootstrap near \(executable)")
    }

    struct HarnessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
