import Foundation
import Logging
import Testing

@testable import LambdaRuntime

/// Replays the inputs under `Fixtures/fuzz-regressions` that once crashed the
/// `runtime-headers` fuzz target, split into header values as that target splits them.
@Suite("Fuzz regressions: runtime headers")
struct FuzzRegressionTests {
    private static let names = [
        "Lambda-Runtime-Aws-Request-Id", "Lambda-Runtime-Deadline-Ms",
        "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id",
        "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity",
    ]

    // Read beside this file: the target declares no resources, and tests run from the tree.
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    static var inputs: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { !$0.hasSuffix(".md") }.sorted()
    }

    private static func header(from bytes: [UInt8]) -> (String) -> String? {
        let lines = bytes.split(
            separator: UInt8(ascii: "\n"), maxSplits: names.count,
            omittingEmptySubsequences: false)
        var values: [String: String] = [:]
        for (name, line) in zip(names, lines) {
            values[name.lowercased()] = String(decoding: line, as: UTF8.self)
        }
        return { values[$0.lowercased()] }
    }

    @Test("the regression inputs are there")
    func present() {
        #expect(Self.inputs.contains("deadline-int64-min"))
    }

    @Test("each input reads as a context or an error, without a trap", arguments: inputs)
    func replay(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let header = Self.header(from: bytes)
        do {
            let context = try LambdaContext(header: header, logger: .disabled)
            #expect(context.requestID == header("Lambda-Runtime-Aws-Request-Id"))
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test("a deadline at either end of Int64 is long past or far ahead")
    func extremeDeadlines() {
        let past = LambdaContext.instant(epochMilliseconds: .min)
        let ahead = LambdaContext.instant(epochMilliseconds: .max)
        #expect(past < ContinuousClock.now - .seconds(86_400 * 365))
        #expect(ahead > ContinuousClock.now + .seconds(86_400 * 365))
    }
}
