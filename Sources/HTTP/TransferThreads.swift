import DetachedThread
import Dispatch
import Synchronization

/// Threads for blocking libcurl exchanges, kept for reuse instead of one new thread each.
///
/// Every job gets a thread at once: an idle one when there is one, else a new one, so a
/// long poll can never hold back an AWS call. A thread that finishes waits a while for
/// more work, and at most `maxIdle` wait; the rest end.
final class TransferThreads: Sendable {
    /// One kept thread: it sleeps on `wakeUp` until a job is put in `job` for it.
    private final class Worker: Sendable {
        let wakeUp = DispatchSemaphore(value: 0)
        let job = Mutex<(@Sendable () -> Void)?>(nil)
    }

    private let maxIdle: Int
    private let idleTimeout: DispatchTimeInterval
    private let idle = Mutex<[Worker]>([])

    init(maxIdle: Int, idleTimeout: DispatchTimeInterval = .seconds(30)) {
        self.maxIdle = maxIdle
        self.idleTimeout = idleTimeout
    }

    /// Runs `job` on an idle thread or a new one; false when the system refused a thread.
    func run(_ job: @escaping @Sendable () -> Void) -> Bool {
        if let worker = idle.withLock({ $0.popLast() }) {
            worker.job.withLock { $0 = job }
            worker.wakeUp.signal()
            return true
        }

        let worker = Worker()
        return startDetachedThread { self.serve(worker, first: job) }
    }

    /// How many threads wait for work now.
    var idleCount: Int { idle.withLock { $0.count } }

    private func serve(_ worker: Worker, first: @escaping @Sendable () -> Void) {
        var job: (@Sendable () -> Void)? = first
        while let current = job {
            current()
            job = nil

            let kept = idle.withLock { workers in
                guard workers.count < maxIdle else { return false }
                workers.append(worker)
                return true
            }
            guard kept else { return }
            job = waitForJob(worker)
        }
    }

    /// The next job for `worker`, or nil when none came within the idle timeout.
    private func waitForJob(_ worker: Worker) -> (@Sendable () -> Void)? {
        while true {
            if worker.wakeUp.wait(timeout: .now() + idleTimeout) == .success {
                return worker.job.withLock { job in
                    defer { job = nil }
                    return job
                }
            }

            // Timed out; but a caller may have taken this worker just now and will signal.
            let retired = idle.withLock { workers in
                guard let index = workers.firstIndex(where: { $0 === worker }) else {
                    return false
                }
                workers.remove(at: index)
                return true
            }
            if retired { return nil }
        }
    }
}
