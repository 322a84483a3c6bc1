import Synchronization

/// A failure to inject into the answers of one operation.
public struct Fault: Sendable, Hashable {
    /// What goes wrong.
    public enum Kind: Sendable, Hashable {
        /// 429 with the service's throttling code.
        case throttle(code: String)
        /// A 5xx answer.
        case serverError(status: Int, code: String)
        /// The connection closes without an answer.
        case dropConnection
        /// A 200 whose body stops short of its `Content-Length`, then the connection closes.
        case truncatedResponse
        /// The answer comes, correct, after `seconds`.
        case slow(seconds: Double)
        /// `BatchUpdateFindings` answers every finding as unprocessed with this error code.
        case unprocessed(errorCode: String)
        /// `BatchUpdateFindings` answers the first finding of the request as unprocessed and
        /// updates the others, as when one finding of a batch is being changed concurrently.
        case firstUnprocessed(errorCode: String)
    }

    /// The service whose operation fails.
    public var service: ServiceName
    /// The operation that fails (`StartInvestigation`).
    public var operation: String
    /// What happens.
    public var kind: Kind
    /// How many requests it hits, counted from the first valid one it does not let through.
    public var times: Int
    /// How many valid requests of the operation it lets through first, once it is the
    /// operation's next fault; so a fault can land in the middle of a run, not only its start.
    public var after: Int

    /// A fault hitting `times` requests of `service`'s `operation`, after letting `after` pass.
    public init(service: ServiceName, operation: String, kind: Kind, times: Int, after: Int = 0) {
        self.service = service
        self.operation = operation
        self.kind = kind
        self.times = times
        self.after = after
    }
}

/// The faults still to fire, consumed one request at a time in scenario order.
final class FaultPlan: Sendable {
    private struct Pending: Sendable {
        var fault: Fault
        var passing: Int
        var remaining: Int
    }

    private let pending: Mutex<[Pending]>
    private let fired = Mutex<[Fault]>([])

    init(_ faults: [Fault]) {
        pending = Mutex(
            faults.map { Pending(fault: $0, passing: max(0, $0.after), remaining: $0.times) })
    }

    /// The fault for this request of `operation`, if one is still due; counts it as fired.
    func next(service: ServiceName, operation: String) -> Fault.Kind? {
        let kind: Fault.Kind? = pending.withLock { list in
            guard
                let index = list.firstIndex(where: {
                    $0.fault.service == service && $0.fault.operation == operation
                        && $0.remaining > 0
                })
            else { return nil }
            if list[index].passing > 0 {
                list[index].passing -= 1
                return nil
            }
            list[index].remaining -= 1
            return list[index].fault.kind
        }
        if let kind {
            fired.withLock {
                $0.append(Fault(service: service, operation: operation, kind: kind, times: 1))
            }
        }
        return kind
    }

    /// Every fault fired so far, one entry per request hit.
    var firedFaults: [Fault] {
        fired.withLock { $0 }
    }
}
