#if canImport(Glibc)
    import Glibc
#endif

/// Starts `body` on a new detached thread; false when the system refused one.
///
/// For work that blocks (a libcurl transfer, a server connection, a long poll): on Swift
/// concurrency's pool, which has one thread per core, it would starve every other task.
public func startDetachedThread(_ body: @escaping @Sendable () -> Void) -> Bool {
    final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Work(body)).toOpaque()

    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))

    var thread = pthread_t()
    let result = pthread_create(
        &thread, &attributes,
        { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
    if result != 0 {
        Unmanaged<Work>.fromOpaque(context).release()
        return false
    }
    return true
}
