import AWSSigning

/// A request as the AWS test suite writes it in `request.txt`: a request line, `Name:value`
/// headers (continuation lines start with whitespace), a blank line and the body.
struct RawHTTPRequest: Equatable {
    var method: String
    var path: String
    var query: String
    var headers: [Header]
    var body: String

    struct Header: Equatable {
        var name: String
        var value: String
    }

    /// Nil when the text has no request line of the form `METHOD TARGET HTTP/x`.
    init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst()

        // The target may hold a raw space (`/example space/`), so split at the outer spaces.
        guard let firstSpace = requestLine.firstIndex(of: " "),
            let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace
        else { return nil }
        method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            query = ""
        }

        headers = []
        var index = 0
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            index += 1
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append(
                Header(
                    name: String(line[..<colon]),
                    value: String(line[line.index(after: colon)...])))
        }
        body = lines.count > index + 1 ? lines[(index + 1)...].joined(separator: "\n") : ""
    }

    var signingRequest: SigningRequest {
        SigningRequest(
            method: method, path: path, query: query,
            headers: headers.map { ($0.name, $0.value) }, body: Array(body.utf8))
    }

    /// Headers grouped by lowercased name, keeping each name's own order: the order between
    /// different names carries no meaning on the wire.
    var headersByName: [Header] {
        headers.enumerated().sorted { left, right in
            let leftName = left.element.name.lowercased()
            let rightName = right.element.name.lowercased()
            return leftName == rightName ? left.offset < right.offset : leftName < rightName
        }.map(\.element)
    }
}
