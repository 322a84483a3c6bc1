#if canImport(Glibc)
    import Glibc
#endif

/// Starts `body` on a new detached thread; false when the system refused one.
///
/// `curl_easy_perform` blocks for the whole exchange, and a long poll may last minutes;
/// on Swift concurrency's pool (one thread per core) that would starve every other task.
func startTransferThread(_ body: @escaping @Sendable () -> Void) -> Bool {
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
