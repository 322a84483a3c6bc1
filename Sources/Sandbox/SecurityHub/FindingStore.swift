import JSON
import Synchronization

/// One `BatchUpdateFindings` change to one finding, kept in order for tests and the table.
public struct FindingUpdate: Sendable {
    /// When it was applied, in seconds since 1970.
    public var time: Double
    public var findingID: String
    public var productARN: String
    /// The note written, if the update had one.
    public var noteText: String?
    public var noteUpdatedBy: String?
    /// The `UserDefinedFields` sent, if any.
    public var userDefinedFields: [String: String]?
    /// The error code when the finding was answered as unprocessed.
    public var unprocessedErrorCode: String?
}

/// The findings of the Security Hub stand-in, with the history of every update.
public final class FindingStore: Sendable {
    private struct Contents: Sendable {
        var findings: [JSONValue]
        var history: [FindingUpdate] = []
    }

    private let contents: Mutex<Contents>

    /// A store holding `findings` (ASFF).
    public init(findings: [JSONValue]) {
        contents = Mutex(Contents(findings: findings))
    }

    /// Every finding as it is now.
    public var findings: [JSONValue] {
        contents.withLock { $0.findings }
    }

    /// Every update applied or refused, oldest first.
    public var history: [FindingUpdate] {
        contents.withLock { $0.history }
    }

    /// The finding with `id` (and `productARN`, when given), as it is now.
    public func finding(id: String, productARN: String? = nil) -> JSONValue? {
        contents.withLock { stored in
            stored.findings.first { Self.matches($0, id: id, productARN: productARN) }
        }
    }

    /// Applies `change` to the finding `id`/`productARN`; false when there is no such finding.
    func update(
        id: String, productARN: String, record: FindingUpdate,
        change: (inout [String: JSONValue]) -> Void
    ) -> Bool {
        contents.withLock { stored in
            guard
                let index = stored.findings.firstIndex(where: {
                    Self.matches($0, id: id, productARN: productARN)
                }), var object = stored.findings[index].objectValue
            else { return false }
            change(&object)
            stored.findings[index] = .object(object)
            stored.history.append(record)
            return true
        }
    }

    /// Keeps `record` of a refused update.
    func recordRefusal(_ record: FindingUpdate) {
        contents.withLock { $0.history.append(record) }
    }

    private static func matches(_ finding: JSONValue, id: String, productARN: String?) -> Bool {
        finding["Id"]?.stringValue == id
            && (productARN == nil || finding["ProductArn"]?.stringValue == productARN)
    }
}
