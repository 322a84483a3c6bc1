import AWSClient
import Enrichment
import HTTP
import LambdaRuntime
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The local mode: one invocation of an event from a file or standard input, no Runtime API.
enum LocalInvocation {
    /// Lambda's longest timeout, the deadline a local run gets.
    static let timeout = Duration.seconds(900)

    /// Runs the event at `eventPath` (`-`: standard input); returns the exit status.
    static func run(eventPath: String, environment: [String: String]) async -> Int32 {
        let (level, format) = Configuration.lenientLogging(environment)
        let logger = Logger(level: level, format: format, sink: FileDescriptorSink.standardError)

        let configuration: Configuration
        do {
            configuration = try Configuration.parse(environment)
        } catch {
            return fail(
                InvocationError(
                    errorType: ConfigurationError.errorType, errorMessage: error.message))
        }

        guard let event = readEvent(eventPath) else {
            return fail(
                InvocationError(
                    errorType: "EventUnreadable",
                    errorMessage: "cannot read the event from \(eventPath): \(errnoText())"))
        }

        let aws = AWSClient(
            configuration: configuration.aws, httpClient: HTTPClient(), logger: logger)
        let handler = EnrichmentFunction(
            handler: EnrichmentHandler(settings: configuration.settings, aws: aws))
        let deadlineMilliseconds =
            LambdaContext.epochMillisecondsNow() + Int64(timeout.components.seconds) * 1000
        let requestID = "local-\(LambdaContext.epochMillisecondsNow())"
        let context = LambdaContext(
            requestID: requestID, deadlineEpochMilliseconds: deadlineMilliseconds,
            deadline: ContinuousClock.now + timeout,
            invokedFunctionARN: "", logger: logger.with(requestID: requestID))
        let outcome = await LambdaRuntime.invoke(handler, event: event, context: context)

        switch outcome {
        case .success(let result):
            FileDescriptorSink.standardOutput.write(line: String(decoding: result, as: UTF8.self))
            return 0
        case .failure(let error):
            return fail(error)
        }
    }

    private static func fail(_ error: InvocationError) -> Int32 {
        FileDescriptorSink.standardError.write(line: String(decoding: error.body, as: UTF8.self))
        return 1
    }

    private static func readEvent(_ path: String) -> [UInt8]? {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { if descriptor != 0 { close(descriptor) } }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
