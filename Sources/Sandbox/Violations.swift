import Synchronization

/// A request the real service would have refused, or that breaks the model: what tests assert on.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// `detective`, `securityhub` or `lambda`.
    public var service: String
    /// The operation, when the route named one.
    public var operation: String?
    /// The AWS error code answered (`InvalidSignatureException`), or `Ignored` when AWS
    /// would have accepted the request and the sandbox only reports it.
    public var code: String
    /// What was wrong.
    public var message: String

    /// A violation of `service`'s contract.
    public init(service: String, operation: String?, code: String, message: String) {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
    }

    public var description: String {
        "\(service) \(operation ?? "(no operation)"): \(code): \(message)"
    }
}

/// Every violation seen, in order; shared by the stand-ins of one sandbox.
public final class ViolationLog: Sendable {
    private let entries = Mutex<[Violation]>([])

    /// An empty log.
    public init() {}

    /// Records one violation.
    public func record(_ violation: Violation) {
        entries.withLock { $0.append(violation) }
    }

    /// Every violation so far, oldest first.
    public var all: [Violation] {
        entries.withLock { $0 }
    }
}
