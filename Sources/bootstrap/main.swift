import FoundationEssentials
import LambdaRuntime
import Logging

#if canImport(Glibc)
    import Glibc
#endif

let environment = ProcessInfo.processInfo.environment
let mode: Mode
switch Mode.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed):
    mode = parsed
case .failure(let usage):
    FileDescriptorSink.standardError.write(
        line: "bootstrap: unexpected arguments \(usage.arguments)\n\n\(Mode.usage)")
    exit(2)
}

switch mode {
case .help:
    FileDescriptorSink.standardOutput.write(line: Mode.usage)
    exit(0)
case .local(let eventPath):
    exit(await LocalInvocation.run(eventPath: eventPath, environment: environment))
case .runtime:
    // Lambda sends SIGTERM at shutdown; a local run keeps the default, so Ctrl-C or kill fails it.
    LambdaSignals.exitOnTermination()
    exit(await RuntimeService.run(environment: environment))
}
