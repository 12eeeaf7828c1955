import Foundation

/// A first-in first-out queue of bounded capacity between threads: `push` waits while the queue is
/// full, which is what holds a fast producer back (back-pressure), and `pop` waits while it is empty.
///
/// The queue closes when every producer has said it is done, or when `close` is called; `pop` then
/// hands out what is left and returns `nil` after it. All state is guarded by one `NSCondition`, which
/// is why the class can be shared between threads.
///
/// Waiting threads are woken in groups rather than for every element: a waiting consumer once `batch`
/// elements are queued, a waiting producer once the queue has drained to half its capacity. A thread
/// that sleeps and wakes for every element costs two context switches per element, more than a
/// small item's write takes; in groups, a thread that waits goes on with many elements per wake-up.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    enum Popped {
        case element(Element)
        /// Nothing came before the deadline.
        case timedOut
        /// Closed, and nothing is left.
        case closed
    }

    private let condition = NSCondition()
    private var buffer: [Element?]
    private var head = 0
    private var count = 0
    private var producers: Int
    private var isClosed = false
    /// Elements queued before a waiting consumer is woken.
    private let batch: Int
    private var waitingProducers = 0
    private var waitingConsumers = 0

    /// A queue of `capacity` elements that closes when `producers` have finished; consumers that wait
    /// are woken once `batch` elements are queued (or the queue closes).
    init(capacity: Int, producers: Int, batch: Int = 1) {
        precondition(capacity > 0 && producers > 0 && batch > 0 && batch <= capacity)
        buffer = Array(repeating: nil, count: capacity)
        self.producers = producers
        self.batch = batch
    }

    /// Adds `element`, waiting for room; `false` (and the element dropped) once the queue is closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == buffer.count, !isClosed {
            waitingProducers += 1
            condition.wait()
            waitingProducers -= 1
        }
        guard !isClosed else { return false }
        buffer[(head + count) % buffer.count] = element
        count += 1
        if waitingConsumers > 0, count >= batch { condition.broadcast() }
        return true
    }

    /// The next element, waiting for one until `deadline` (or for ever).
    func pop(until deadline: Date? = nil) -> Popped {
        condition.lock()
        defer { condition.unlock() }
        guard waitFor(1, until: deadline) else { return isClosed ? .closed : .timedOut }
        let element = removeFirst()
        wakeProducers()
        return .element(element)
    }

    /// Moves every element queued into `elements`, waiting until `batch` are queued, the queue closes,
    /// or `deadline` passes (then `elements` gets what there is, perhaps nothing); `false` once the queue
    /// is closed and empty.
    func take(into elements: inout [Element], until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if !waitFor(batch, until: deadline) { return !isClosed }
        elements.reserveCapacity(elements.count + count)
        while count > 0 { elements.append(removeFirst()) }
        wakeProducers()
        return true
    }

    /// Waits, holding the lock, until `wanted` elements are queued; when the queue closes or `deadline`
    /// passes first, `true` only if one element at least is queued.
    private func waitFor(_ wanted: Int, until deadline: Date?) -> Bool {
        while count < wanted {
            if isClosed { return count > 0 }
            waitingConsumers += 1
            let signalled = deadline.map { condition.wait(until: $0) } ?? { condition.wait(); return true }()
            waitingConsumers -= 1
            if !signalled, count < wanted { return count > 0 }
        }
        return true
    }

    private func removeFirst() -> Element {
        let element = buffer[head]!
        buffer[head] = nil
        head = (head + 1) % buffer.count
        count -= 1
        return element
    }

    private func wakeProducers() {
        if waitingProducers > 0, count <= buffer.count / 2 { condition.broadcast() }
    }

    /// One producer is done; the queue closes when the last one is.
    func producerFinished() {
        condition.lock()
        defer { condition.unlock() }
        producers -= 1
        if producers == 0 { isClosed = true }
        condition.broadcast()
    }

    /// Closes the queue at once: waiting producers give up, consumers get what is left.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        isClosed = true
        condition.broadcast()
    }
}
