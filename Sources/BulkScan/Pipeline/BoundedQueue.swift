import Foundation

/// A first-in first-out queue of bounded capacity between threads: `push` waits while the queue is
/// full, which is what holds a fast producer back (back-pressure), and `pop` waits while it is empty.
///
/// The queue closes when every producer has said it is done, or when `close` is called; `pop` then
/// hands out what is left and returns `nil` after it. All state is guarded by one `NSCondition`, which
/// is why the class can be shared between threads.
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

    init(capacity: Int, producers: Int) {
        precondition(capacity > 0 && producers > 0)
        buffer = Array(repeating: nil, count: capacity)
        self.producers = producers
    }

    /// Adds `element`, waiting for room; `false` (and the element dropped) once the queue is closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == buffer.count, !isClosed { condition.wait() }
        guard !isClosed else { return false }
        buffer[(head + count) % buffer.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one until `deadline` (or for ever).
    func pop(until deadline: Date? = nil) -> Popped {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 {
            if isClosed { return .closed }
            if let deadline {
                if !condition.wait(until: deadline) && count == 0 { return isClosed ? .closed : .timedOut }
            } else {
                condition.wait()
            }
        }
        let element = buffer[head]!
        buffer[head] = nil
        head = (head + 1) % buffer.count
        count -= 1
        condition.broadcast()
        return .element(element)
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
