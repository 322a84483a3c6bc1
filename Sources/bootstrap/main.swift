import AWSClient
import Enrichment
import FoundationEssentials
import HTTP
import LambdaRuntime
import Logging

#if canImport(Glibc)
    import Glibc
#endif

LambdaSignals.exitOnTermination()

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
    exit(await RuntimeService.run(environment: environment))
}
