import Synchronization

/// A value computed the first time it is asked for, and kept.
///
/// `RuleContext` is a `Sendable` value that rules share; a value only some rules read is computed once,
/// under a lock, by whichever rule reads it first. The computation is given where the value is read rather
/// than stored, so that it captures nothing: capturing the record would copy it, with all its strings.
final class Memo<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    init() {}

    /// The value, computed with `compute` if no one has asked before.
    func value(_ compute: () -> Value) -> Value {
        stored.withLock { stored in
            if let value = stored { return value }
            let value = compute()
            stored = value
            return value
        }
    }
}
