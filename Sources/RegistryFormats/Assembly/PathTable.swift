#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hash table from path spellings to numbers that takes a path as its UTF-8 bytes.
///
/// A `[String: Int]` needs a `String` for every look-up; this table is asked with bytes, so that a path
/// can be looked up from its parts joined in a temporary buffer (`FieldPath.withJoinedBytes`), and a
/// list path can be counted straight from the front of an element's path. Keys are copied into one
/// growing buffer rather than each into a string of its own. Hashes are `Hasher`'s, seeded per process,
/// so that no record can be written to make look-ups collide.
struct PathTable {
    private struct Key {
        /// Where the key's bytes start in `keyBytes`.
        let start: Int
        let count: Int
        let hash: Int
        var value: Int
    }

    /// The bytes of every key, one after another.
    private var keyBytes: [UInt8] = []
    private var keys: [Key] = []
    /// For each slot, the number of the key there (in `keys`), or -1 when free. Open addressing with
    /// linear probing; at most half the slots are taken, and the count is a power of two.
    private var slots: [Int32]

    /// An empty table with room for `capacity` keys of about `keyLength` bytes before it grows.
    init(capacity: Int, keyLength: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        keys.reserveCapacity(capacity)
        keyBytes.reserveCapacity(capacity * keyLength)
    }

    /// The value of `key`, if the table holds it.
    @inline(__always)
    func value(for key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key)
        return find(key, hash: hash).key.map { keys[$0].value }
    }

    /// The value `key` holds already; or, when it holds none, `nil`, after setting it to `value`.
    mutating func existingValue(for key: UnsafeRawBufferPointer, orInsert value: Int) -> Int? {
        let hash = Self.hash(key)
        let (slot, found) = find(key, hash: hash)
        if let found { return keys[found].value }
        insert(key, hash: hash, value: value, at: slot)
        return nil
    }

    /// Makes the value of `key` at least `least`; a key the table does not hold counts as 0.
    mutating func raise(_ key: UnsafeRawBufferPointer, to least: Int) {
        let hash = Self.hash(key)
        let (slot, found) = find(key, hash: hash)
        if let found {
            if keys[found].value < least { keys[found].value = least }
        } else if least > 0 {
            insert(key, hash: hash, value: least, at: slot)
        }
    }

    private static func hash(_ key: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: key)
        return hasher.finalize()
    }

    /// The slot that holds `key`, with the key's number; or the free slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, hash: Int) -> (slot: Int, key: Int?) {
        let mask = slots.count - 1
        var slot = hash & mask
        return keyBytes.withUnsafeBytes { stored in
            while true {
                let number = Int(slots[slot])
                if number < 0 { return (slot, nil) }
                let candidate = keys[number]
                if candidate.hash == hash, candidate.count == key.count,
                    key.isEmpty || memcmp(stored.baseAddress! + candidate.start, key.baseAddress!, key.count) == 0
                {
                    return (slot, number)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func insert(_ key: UnsafeRawBufferPointer, hash: Int, value: Int, at slot: Int) {
        keys.append(Key(start: keyBytes.count, count: key.count, hash: hash, value: value))
        keyBytes.append(contentsOf: key)
        slots[slot] = Int32(keys.count - 1)
        if keys.count * 2 > slots.count { grow() }
    }

    /// Doubles the slots and puts every key back by its hash.
    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, key) in keys.enumerated() {
            var slot = key.hash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
