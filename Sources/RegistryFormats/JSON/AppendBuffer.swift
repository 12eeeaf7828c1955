/// A list that the JSON parser appends to through a pointer, for the nodes, line starts and open containers
/// of a record.
///
/// `Array.append` checks on every call that the array's storage is not shared, through a call into the
/// runtime, and the parser appends for every value, every line and every container: a few instructions
/// each here instead. Not copyable, so the storage has one owner, which frees it however the parse ends.
struct AppendBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        base[count] = element
        count += 1
    }

    /// Moves the elements into storage twice as large.
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "AppendBuffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "AppendBuffer index out of range")
            base[index] = newValue
        }
    }

    mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast on an empty AppendBuffer")
        count -= 1
        return base[count]
    }

    /// The elements, copied into an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
