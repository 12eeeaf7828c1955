import Foundation
import Testing

@testable import BulkScan

/// The queue between the scan's threads hands over every element once, in order per producer, however
/// its waiting threads are woken.
@Suite struct BoundedQueueTests {
    @Test func batchesHoldEveryElementInOrderPerProducer() {
        let producers = 3
        let perProducer = 2_000
        let queue = BoundedQueue<Int>(capacity: 64, producers: producers, batch: 16)
        let threads = (0..<producers).map { producer in
            JoinableThread {
                for n in 0..<perProducer { queue.push(producer * perProducer + n) }
                queue.producerFinished()
            }
        }
        var taken: [Int] = []
        var batch: [Int] = []
        while queue.take(into: &batch, until: Date(timeIntervalSinceNow: 0.05)) {
            #expect(batch.count <= 64)
            taken += batch
            batch.removeAll()
        }
        for thread in threads { thread.join() }

        #expect(taken.count == producers * perProducer)
        for producer in 0..<producers {
            let own = taken.filter { $0 / perProducer == producer }
            #expect(own == Array(producer * perProducer..<(producer + 1) * perProducer))
        }
    }

    @Test func takeReturnsWhatThereIsAtTheDeadline() {
        let queue = BoundedQueue<Int>(capacity: 8, producers: 1, batch: 4)
        queue.push(1)
        queue.push(2)
        var batch: [Int] = []
        #expect(queue.take(into: &batch, until: Date(timeIntervalSinceNow: 0.01)))
        #expect(batch == [1, 2])
        batch.removeAll()
        #expect(queue.take(into: &batch, until: Date(timeIntervalSinceNow: 0.01)))
        #expect(batch.isEmpty)
        queue.push(3)
        queue.producerFinished()
        #expect(queue.take(into: &batch, until: Date(timeIntervalSinceNow: 10)))
        #expect(batch == [3])
        #expect(!queue.take(into: &batch, until: Date(timeIntervalSinceNow: 10)))
    }

    @Test func waitingProducersGiveUpWhenTheQueueCloses() {
        let queue = BoundedQueue<Int>(capacity: 2, producers: 1)
        let pushed = JoinableThread {
            for n in 0..<10 {
                if !queue.push(n) { return }
            }
        }
        if case .element(let first) = queue.pop() { #expect(first == 0) } else { Issue.record("no first element") }
        queue.close()
        pushed.join()
        var rest: [Int] = []
        while case .element(let n) = queue.pop() { rest.append(n) }
        #expect(rest.count <= 2)
    }
}
