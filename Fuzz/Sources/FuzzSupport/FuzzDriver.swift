import CFuzzerDriver
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The target of the running fuzzer; set once in ``runFuzzer(_:)`` before libFuzzer starts.
nonisolated(unsafe) private var fuzzTarget: ([UInt8]) -> Void = { _ in }

/// Hands the process to libFuzzer, which calls `target` with each input; never returns.
///
/// The arguments are libFuzzer's (`-max_len`, `-runs`, a corpus directory, a reproducer).
public func runFuzzer(_ target: @escaping ([UInt8]) -> Void) -> Never {
    fuzzTarget = target
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
}

/// libFuzzer's per-input callback. Exported under the name `-sanitize=fuzzer` expects too, as
/// the `main` linked with libFuzzer refers to it even though it never runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzTarget(bytes)
    return 0
}

/// Runs `operation` to its end on the global executor and waits for it on this thread.
///
/// libFuzzer calls targets synchronously; the code under test is async.
public func runBlocking(_ operation: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await operation()
        done.signal()
    }
    done.wait()
}
