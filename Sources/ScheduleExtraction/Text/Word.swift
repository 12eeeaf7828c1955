/// A word, compared by a 64-bit FNV-1a hash of its lowercased ASCII spelling.
///
/// Tokens carry the hash of their text, so that asking "is this one of these words?" is an integer lookup
/// instead of string comparisons; that keeps the extractor fast over gigabytes of registry text. Rules
/// compare single literal words with `FieldText.isWord(_:_:)`, which compares bytes without hashing.
public struct Word: Hashable, Sendable, CustomStringConvertible {
    public let hash: UInt64
    public let spelling: String

    public init(_ spelling: String) {
        self.spelling = spelling
        self.hash = Word.hash(spelling.utf8)
    }

    public var description: String { spelling }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// The hash of bytes, lowercasing ASCII letters.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = offsetBasis
        for b in bytes { h = (h ^ UInt64(lowercase(b))) &* prime }
        return h
    }

    @inline(__always) static func lowercase(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }
}

/// An open-addressing table keyed by word hashes: the hashes are already well mixed, so a lookup is a mask
/// and a probe or two, with no rehashing.
struct WordTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private let mask: Int

    init(_ pairs: [(UInt64, Value)]) {
        var capacity = 16
        while capacity < pairs.count * 3 { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
        for (key, value) in pairs {
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value stored for `key`: the probe is `UnsafeWordTable`'s, which the table's power-of-two size and
    /// mask keep inside its arrays.
    @inline(__always) subscript(key: UInt64) -> Value? {
        withUnsafeTable { $0[key] }
    }

    /// Calls `body` with the table through pointers, for a loop that looks up many words.
    @inline(__always) func withUnsafeTable<R>(_ body: (UnsafeWordTable<Value>) -> R) -> R {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in body(UnsafeWordTable(keys: keys, values: values, mask: mask)) }
        }
    }
}

/// A `WordTable` read through pointers: every slot is masked into the tables, whose size is a power of two
/// with the mask one less, so no look-up needs a bounds check.
struct UnsafeWordTable<Value> {
    let keys: UnsafeBufferPointer<UInt64>
    let values: UnsafeBufferPointer<Value?>
    let mask: Int

    @inline(__always) subscript(key: UInt64) -> Value? {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}

/// A set of words, for "is this one of …" questions.
public struct WordSet: Sendable {
    let table: WordTable<Bool>

    public init(_ words: [String]) { table = WordTable(words.map { (Word($0).hash, true) }) }

    @inline(__always) public func contains(_ hash: UInt64) -> Bool { table[hash] != nil }
}

/// A map from words to values, for vocabularies (`"weeks"` → `.week`).
public struct WordMap<Value: Sendable>: Sendable {
    let table: WordTable<Value>

    public init(_ pairs: [(String, Value)]) {
        var seen: [UInt64: Int] = [:]
        var entries: [(UInt64, Value)] = []
        for (word, value) in pairs {
            let h = Word(word).hash
            if let k = seen[h] { entries[k] = (h, value) } else {
                seen[h] = entries.count
                entries.append((h, value))
            }
        }
        table = WordTable(entries)
    }

    @inline(__always) public subscript(hash: UInt64) -> Value? { table[hash] }
}
