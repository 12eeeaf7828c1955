import Synchronization

/// A value computed the first time it is asked for, and kept.
///
/// `RuleContext` is a `Sendable` value that rules share; a value only some rules read is computed once,
/// under a lock, by whichever rule reads it first.
final class Memo<Value: Sendable>: Sendable {
    private let compute: @Sendable () -> Value
    private let stored = Mutex<Value?>(nil)

    init(_ compute: @escaping @Sendable () -> Value) {
        self.compute = compute
    }

    var value: Value {
        stored.withLock { stored in
            if let value = stored { return value }
            let value = compute()
            stored = value
            return value
        }
    }
}
