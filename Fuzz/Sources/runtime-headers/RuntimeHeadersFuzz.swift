import FuzzSupport
import JSON
import LambdaRuntime
import Logging

/// The Runtime API headers of `GET next` that the context reads, in the order the input
/// gives their values.
let headerNames = [
    "Lambda-Runtime-Aws-Request-Id", "Lambda-Runtime-Deadline-Ms",
    "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id",
    "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity",
]

/// Reads an invocation context from header values and serves one invocation with it.
///
/// Each input line is the value of the next header of ``headerNames``; headers past the last
/// line are absent. What follows the sixth line is the event. Each input is served twice,
/// once with JSON log lines and once with Text ones.
func fuzzRuntimeHeaders(_ bytes: [UInt8]) {
    let lines = bytes.split(
        separator: UInt8(ascii: "\n"), maxSplits: headerNames.count,
        omittingEmptySubsequences: false)
    var values: [String: String] = [:]
    for (name, line) in zip(headerNames, lines) {
        values[name.lowercased()] = String(decoding: line, as: UTF8.self)
    }
    let event = lines.count > headerNames.count ? Array(lines[headerNames.count]) : []
    let header: (String) -> String? = { values[$0.lowercased()] }

    for logger in [
        Logger(level: .trace, format: .json, sink: CheckedJSONSink()),
        Logger(level: .trace, format: .text, sink: CheckedTextSink()),
    ] {
        let context: LambdaContext
        do {
            context = try LambdaContext(header: header, logger: logger)
        } catch {
            precondition(!error.description.isEmpty)
            continue
        }
        precondition(context.requestID == header("Lambda-Runtime-Aws-Request-Id"))
        precondition(context.logger.requestID == context.requestID)
        serve(event, context: context)
    }
}

/// Serves `event` as the runtime loop does, with a handler that reads the context.
private func serve(_ event: [UInt8], context: LambdaContext) {
    let handler = ClosureHandler { event, context in
        context.logger.debug(
            "handling", ["remainingMs": "\(context.remainingTime.components.seconds * 1000)"])
        guard !event.isEmpty else {
            throw LambdaHandlerError(type: "InvalidEvent", message: "the event is empty")
        }
        return event
    }
    runBlocking {
        let outcome = await LambdaRuntime.invoke(handler, event: event, context: context)
        switch outcome {
        case .success(let body): precondition(body == event)
        case .failure(let error):
            let body = try? JSONValue(parsing: error.body)
            precondition(body?["errorType"]?.stringValue == error.errorType)
        }
    }
}
