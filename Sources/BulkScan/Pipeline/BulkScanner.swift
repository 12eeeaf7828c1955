import Foundation
import Synchronization

/// Scans inputs in parallel into a sink: one thread walks the inputs, `jobs` worker threads read,
/// extract and check items, and the calling thread alone writes to the sink.
///
/// Bounded queues join the three stages, so memory holds a few items and a few hundred results per
/// worker whatever the number of inputs: when the writer falls behind the workers wait, and when the workers fall behind the walk
/// waits. On a terminal, a further thread counts the inputs ahead of the walk, so that progress can
/// show a percentage and an estimate of the time left.
public struct BulkScanner: Sendable {
    public let inputs: [String]
    public let settings: ScanSettings

    public init(inputs: [String], settings: ScanSettings) {
        self.inputs = inputs
        self.settings = settings
    }

    /// Runs the scan to its end, or until `control` is stopped, and returns the totals.
    ///
    /// `progress`, when given, is called on the calling thread about five times a second. If the sink
    /// fails, the scan stops, and the error is thrown once every thread has ended.
    public func run(
        into sink: any ScanSink, info: ScanInfo, control: ScanControl = ScanControl(),
        progress: ((ScanProgress) -> Void)? = nil
    ) throws -> ScanTotals {
        let start = ContinuousClock.now
        try sink.begin(info)

        let jobs = settings.jobs
        // An item is a path or an archive member's place: room for a few dozen lets the walk, which
        // is woken when the queue is half empty, queue several per wake-up.
        let work = BoundedQueue<InputEvent>(capacity: 32 * jobs, producers: 1)
        // A sink writes in batches (SQLite: a transaction of up to 2,000 items, a fifth of a second or
        // so), during which it takes no results: room for a few hundred results per worker lets the
        // workers go on meanwhile instead of idling. A result holds facts and findings, not the record,
        // so this is a few megabytes at most. The writer, much faster than the workers, takes results
        // a few dozen at a time, so that it is not woken for each.
        let results = BoundedQueue<ItemResult>(capacity: 256 * jobs, producers: jobs, batch: 32)
        let enumerator = InputEnumerator(inputs: inputs)
        let expected = ExpectedTotals()
        let completion = Completion()

        var threads: [JoinableThread] = []
        threads.append(JoinableThread {
            let walked = enumerator.walk(shouldStop: { control.isStopped }) { event in work.push(event) }
            if !walked { completion.markIncomplete() }
            work.producerFinished()
        })
        let settings = settings
        let earlier = sink.earlierScans
        for _ in 0..<jobs {
            threads.append(JoinableThread {
                let worker = ItemWorker(settings: settings, earlier: earlier)
                while case .element(let event) = work.pop() {
                    // Once stopped, the items still queued are dropped: the walk has stopped too.
                    if control.isStopped {
                        completion.markIncomplete()
                        continue
                    }
                    results.push(worker.process(event))
                }
                results.producerFinished()
            })
        }
        if progress != nil {
            threads.append(JoinableThread {
                var items = 0
                var bytes = 0
                enumerator.walk(shouldStop: { control.isStopped }) { event in
                    if case .item(let item) = event {
                        items += 1
                        bytes += item.size
                    }
                }
                if !control.isStopped { expected.set(items: items, bytes: bytes) }
            })
        }

        var totals = ScanTotals()
        var sinkError: (any Error)?
        var lastReport = ContinuousClock.now
        func elapsed() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        var taken: [ItemResult] = []
        while results.take(into: &taken, until: Date(timeIntervalSinceNow: 0.2)) {
            // After a sink error, results are still taken (so that no worker waits for ever) but dropped.
            for result in taken where sinkError == nil {
                do {
                    try sink.write(result)
                    totals.add(result)
                } catch {
                    sinkError = error
                    control.stop()
                    work.close()
                }
            }
            taken.removeAll(keepingCapacity: true)
            if let progress, ContinuousClock.now - lastReport >= .milliseconds(200) {
                lastReport = ContinuousClock.now
                progress(ScanProgress(
                    items: totals.items, records: totals.records, failures: totals.failures, bytes: totals.bytes,
                    seconds: elapsed(), expected: expected.value))
            }
        }
        // The counting walk may still be going; it checks `control` between items.
        control.stop()
        for thread in threads { thread.join() }
        if let sinkError { throw sinkError }

        totals.interrupted = !completion.isComplete
        totals.seconds = elapsed()
        try sink.finish(totals)
        return totals
    }
}

/// Whether every input was walked and every item read: the walk and the workers say when not.
final class Completion: Sendable {
    private let incomplete = Atomic<Bool>(false)

    func markIncomplete() {
        incomplete.store(true, ordering: .relaxed)
    }

    /// Read after the threads that mark it have been joined.
    var isComplete: Bool { !incomplete.load(ordering: .relaxed) }
}

/// The inputs' total count and bytes, written once by the counting thread and read by the writer.
final class ExpectedTotals: Sendable {
    private let totals = Mutex<(items: Int, bytes: Int)?>(nil)

    func set(items: Int, bytes: Int) {
        totals.withLock { $0 = (items, bytes) }
    }

    var value: (items: Int, bytes: Int)? { totals.withLock { $0 } }
}
