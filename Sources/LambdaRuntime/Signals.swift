#if canImport(Glibc)
    import Glibc
#endif

/// Process signals as Lambda sends them.
public enum LambdaSignals {
    /// Makes SIGTERM end the process at once with status 0, idle or mid-invocation.
    ///
    /// Log lines are written unbuffered, so there is nothing to flush; `_exit` is safe in a
    /// signal handler where running Swift code is not.
    public static func exitOnTermination() {
        signal(SIGTERM) { _ in _exit(0) }
    }
}
