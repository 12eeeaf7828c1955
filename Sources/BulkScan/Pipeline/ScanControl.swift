import Synchronization

/// Asks a running scan to stop, from any thread (a signal handler's queue, a test).
///
/// After `stop()`, no new item is started: items being read are finished and written, the rest are
/// dropped, and the sink is closed as after a complete scan, marked as interrupted.
public final class ScanControl: Sendable {
    private let stopped = Atomic<Bool>(false)

    public init() {}

    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    public var isStopped: Bool { stopped.load(ordering: .relaxed) }
}
