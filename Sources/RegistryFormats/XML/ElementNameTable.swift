/// A fixed set of element names with a value each, looked up by a name's length and end letters.
///
/// A mapping looks up the name of every element it meets; hashing the whole name (as `Dictionary`
/// does) costs more than comparing it with the one or two known names that share its length and end
/// letters. The set is fixed when the table is made, so no name read from a record can make a
/// look-up compare with more than the known names of its bucket.
struct ElementNameTable<Value: Sendable>: Sendable {
    private let buckets: [[(name: String, value: Value)]]

    /// A table of `entries`; a name given twice keeps its first value.
    init(_ entries: [(String, Value)]) {
        var buckets = [[(name: String, value: Value)]](repeating: [], count: Self.bucketCount)
        for (name, value) in entries {
            let bucket = Self.bucket(of: name)
            if !buckets[bucket].contains(where: { $0.name == name }) { buckets[bucket].append((name, value)) }
        }
        self.buckets = buckets
    }

    subscript(name: String) -> Value? {
        for entry in buckets[Self.bucket(of: name)] where entry.name == name { return entry.value }
        return nil
    }

    private static var bucketCount: Int { 128 }

    private static func bucket(of name: String) -> Int {
        // From the bytes in place: `utf8.last` of a string costs more than all the rest.
        if let bucket = name.utf8.withContiguousStorageIfAvailable(bucket(of:)) { return bucket }
        return bucket(of: Array(name.utf8))
    }

    private static func bucket<Bytes: RandomAccessCollection<UInt8>>(of utf8: Bytes) -> Int {
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return (utf8.count &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
    }
}
