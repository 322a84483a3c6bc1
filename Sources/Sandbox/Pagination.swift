import Synchronization

/// Issues and redeems `NextToken`s; a token only works for the request that earned it.
final class Pagination: Sendable {
    private struct Issued: Sendable {
        var requestKey: String
        var offset: Int
    }

    private let tokens = Mutex<[String: Issued]>([:])
    private let counter = Atomic<Int>(0)
    private let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// The page of `items` this request asks for, and the token for the next page if any.
    /// - Parameters:
    ///   - requestKey: the request's other arguments; a token must come back with the same.
    ///   - token: the `NextToken` sent, if any.
    ///   - maxResults: the `MaxResults` sent, if any.
    ///   - pageLimit: the most this sandbox answers at once.
    func page<Item>(
        _ items: [Item], requestKey: String, token: String?, maxResults: Int?, pageLimit: Int,
        invalid: (String) -> ErrorAnswer
    ) throws(ErrorAnswer) -> (items: [Item], nextToken: String?) {
        var offset = 0
        if let token {
            guard let issued = tokens.withLock({ $0[token] }) else {
                throw invalid("The NextToken is not valid")
            }
            guard issued.requestKey == requestKey else {
                throw invalid("The NextToken was issued for a request with other arguments")
            }
            offset = issued.offset
        }
        let size = min(maxResults ?? pageLimit, pageLimit)
        let end = min(items.count, offset + size)
        let slice = offset < end ? Array(items[offset..<end]) : []
        guard end < items.count else { return (slice, nil) }

        let number = counter.add(1, ordering: .relaxed).newValue
        let next = "\(prefix)\(number)x\(end)"
        tokens.withLock { $0[next] = Issued(requestKey: requestKey, offset: end) }
        return (slice, next)
    }
}
