import CCurl
import Synchronization

/// One exchange: sets up an easy handle, runs it, and collects what libcurl's callbacks see.
///
/// Unchecked Sendable: the buffers are touched only by the transfer thread (from
/// `perform` and the callbacks it drives); other threads touch only the atomic flag.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let maxResponseBytes: Int
    private var headers: [HTTPHeader] = []
    private var body: [UInt8] = []
    private var exceededLimit = false
    private let cancelled = Atomic<Bool>(false)
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init(request: HTTPRequest, maxResponseBytes: Int) {
        self.request = request
        self.maxResponseBytes = maxResponseBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Makes a running `perform` stop at libcurl's next progress call (at least once a second).
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Runs the exchange on `handle`, blocking the calling thread until it ends.
    func perform(on handle: EasyHandle) -> Result<HTTPResponse, HTTPClientError> {
        let curl = handle.raw
        curl_easy_reset(curl)

        let headerList: UnsafeMutablePointer<curl_slist>?
        switch CurlOptions.headerList(for: request.headers) {
        case .success(let list): headerList = list
        case .failure(let error): return .failure(error)
        }
        defer { curl_slist_free_all(headerList) }
        _ = ccurl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList)
        if let error = CurlOptions.apply(request, maxResponseBytes: maxResponseBytes, to: curl) {
            return .failure(error)
        }
        installCallbacks(on: curl)

        let result = CurlOptions.withBody(request, on: curl) { curl_easy_perform(curl) }
        guard result == CURLE_OK else { return .failure(error(for: result)) }

        var status = 0
        _ = ccurl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: headers, body: body))
    }

    private func installCallbacks(on curl: UnsafeMutableRawPointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = ccurl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_callback(curl, CURLOPT_HEADERFUNCTION, Self.headerCallback)
        _ = ccurl_setopt_pointer(curl, CURLOPT_HEADERDATA, context)
        _ = ccurl_setopt_callback(curl, CURLOPT_WRITEFUNCTION, Self.writeCallback)
        _ = ccurl_setopt_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = ccurl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_setopt_xferinfo(curl, Self.progressCallback)
        _ = ccurl_setopt_pointer(curl, CURLOPT_XFERINFODATA, context)
    }

    private func error(for result: CURLcode) -> HTTPClientError {
        if exceededLimit {
            return HTTPClientError(
                code: .responseTooLarge,
                message: "response body over \(maxResponseBytes) bytes")
        }
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(result))
        return HTTPClientError(
            code: HTTPClientError.code(for: result),
            message: detail.isEmpty ? summary : "\(summary): \(detail)")
    }

    // Each status line starts a new header block: only the final response's block is kept,
    // so a `100 Continue` or any other interim answer leaves no trace.
    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var count = bytes.count
        while count > 0, bytes[count - 1] == 0x0D || bytes[count - 1] == 0x0A { count -= 1 }
        let line = Substring(decoding: bytes[0..<count], as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = []
        } else if line.first == " " || line.first == "\t", !headers.isEmpty {
            headers[headers.count - 1].value += " " + line.trimmingBlanks()
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(
                HTTPHeader(
                    String(line[..<colon]),
                    line[line.index(after: colon)...].trimmingBlanks()))
        }
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxResponseBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    private static let headerCallback: ccurl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }

    private static let writeCallback: ccurl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let accepted = transfer.receiveBody(
            UnsafeRawBufferPointer(start: data, count: size * count))
        return accepted ? size * count : 0
    }

    private static let progressCallback: ccurl_xferinfo_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }),
            let last = lastIndex(where: { !isBlank($0) })
        else {
            return ""
        }
        return String(self[first...last])
    }
}
