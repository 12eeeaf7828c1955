/// A word, compared by a 64-bit FNV-1a hash of its lowercased ASCII spelling.
///
/// Tokens carry the hash of their text, so that a rule asking "is this `daily`?" compares two integers
/// instead of two strings; that keeps the extractor fast over gigabytes of registry text.
public struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let hash: UInt64
    public let spelling: String

    public init(_ spelling: String) {
        self.spelling = spelling
        self.hash = Word.hash(spelling.utf8)
    }

    public init(stringLiteral value: String) { self.init(value) }

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

/// A set of words, for "is this one of …" questions.
public struct WordSet: Sendable, ExpressibleByArrayLiteral {
    let hashes: Set<UInt64>

    public init(_ words: [String]) { hashes = Set(words.map { Word($0).hash }) }
    public init(arrayLiteral elements: String...) { self.init(elements) }

    @inline(__always) public func contains(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}

/// A map from words to values, for vocabularies (`"weeks"` → `.week`).
public struct WordMap<Value: Sendable>: Sendable {
    let table: [UInt64: Value]

    public init(_ pairs: [(String, Value)]) {
        var table: [UInt64: Value] = [:]
        for (word, value) in pairs { table[Word(word).hash] = value }
        self.table = table
    }

    @inline(__always) public subscript(hash: UInt64) -> Value? { table[hash] }
}
