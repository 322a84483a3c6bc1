import Dispatch
import Glibc
import Synchronization
import Testing

@testable import HTTP

/// Waits up to two seconds for `condition`, polling; false when it never held.
private func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<200 {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

@Suite("Transfer threads")
struct TransferThreadsTests {
    @Test("a second job runs on the thread the first one left idle")
    func reusesIdleThread() {
        let threads = TransferThreads(maxIdle: 2)
        let seen = Mutex<[pthread_t]>([])
        let done = DispatchSemaphore(value: 0)

        #expect(
            threads.run {
                seen.withLock { $0.append(pthread_self()) }
                done.signal()
            })
        done.wait()
        #expect(eventually { threads.idleCount == 1 })
        #expect(
            threads.run {
                seen.withLock { $0.append(pthread_self()) }
                done.signal()
            })
        done.wait()

        let ids = seen.withLock { $0 }
        #expect(ids.count == 2)
        #expect(ids.count == 2 && pthread_equal(ids[0], ids[1]) != 0)
    }

    @Test("a job that blocks, like a long poll, never holds back the next one")
    func blockedJobHoldsNothingBack() {
        let threads = TransferThreads(maxIdle: 1)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        #expect(threads.run { release.wait() })
        #expect(threads.run { finished.signal() })

        #expect(finished.wait(timeout: .now() + .seconds(5)) == .success)
        release.signal()
    }

    @Test("keeps at most maxIdle threads waiting once a burst is over")
    func boundsIdleThreads() {
        let threads = TransferThreads(maxIdle: 2)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        for _ in 0..<5 {
            #expect(
                threads.run {
                    release.wait()
                    finished.signal()
                })
        }
        for _ in 0..<5 { release.signal() }
        for _ in 0..<5 { finished.wait() }

        #expect(eventually { threads.idleCount == 2 })
        usleep(50_000)
        #expect(threads.idleCount == 2)
    }

    @Test("an idle thread ends after the idle timeout")
    func idleThreadRetires() {
        let threads = TransferThreads(maxIdle: 2, idleTimeout: .milliseconds(300))
        let done = DispatchSemaphore(value: 0)

        #expect(threads.run { done.signal() })
        done.wait()

        #expect(eventually { threads.idleCount == 1 })
        #expect(eventually { threads.idleCount == 0 })
        #expect(threads.run { done.signal() })
        #expect(done.wait(timeout: .now() + .seconds(5)) == .success)
    }
}
