import CCurl

/// One libcurl easy handle; it keeps its connections open between exchanges.
///
/// Unchecked Sendable: a handle is owned either by the idle pool (under its lock) or by
/// exactly one transfer thread, never by two at once.
final class EasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard CurlLibrary.isInitialized, let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    deinit {
        curl_easy_cleanup(raw)
    }
}

/// Process-wide libcurl set-up, done once before the first handle exists.
enum CurlLibrary {
    /// Swift runs a static initialiser once, thread-safely, as curl_global_init requires.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
