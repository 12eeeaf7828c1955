import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The values of one record keyed by their API v2 path, as a reader finds them, before they are typed.
///
/// Readers of formats whose layout is not API v2's (upload XML, module text) translate each value they
/// find to its v2 path (`protocolSection.armsInterventionsModule.armGroups[1].label`) and put it here
/// as text with its position; `StudyAssembler` then builds the typed `Study` from the paths, in one
/// place for all such formats. List lengths are known from the indices used. (The legacy XML mapping
/// puts its values straight in their model fields instead, `LegacyStudyValues`.)
struct V2FieldStore {
    struct Entry {
        let path: FieldPath
        let text: String
        let position: SourcePosition?
    }

    /// The values in the order they were set, so that values nobody used are reported in record order.
    private(set) var entries: [Entry] = []
    /// The index in `entries` of each path's value.
    private var indexByPath = PathTable(capacity: Self.typicalCount, keyLength: 56)
    /// For each list (a path up to an index, with the indices of enclosing lists), its element count.
    private var counts = PathTable(capacity: Self.typicalListCount, keyLength: 48)
    /// The last path with a list index that `registerIndices` saw: values of one list element come one
    /// after the other, and the lists of the path they share with it are registered already.
    private var lastIndexedPath = ""

    /// An empty store with room for the values of a typical record.
    init() {
        entries.reserveCapacity(Self.typicalCount)
    }

    /// Values of a typical record, so that the path index is not rehashed again and again as it grows.
    private static let typicalCount = 96
    /// Lists of a typical record: the module lists and the lists inside their elements.
    private static let typicalListCount = 32

    /// Stores a value; `false` (and nothing stored) when the path already holds one.
    @discardableResult
    mutating func set(_ path: FieldPath, _ text: String, at position: SourcePosition?) -> Bool {
        let next = entries.count
        let held = FieldPath.withBytes(of: path) {
            indexByPath.existingValue(for: UnsafeRawBufferPointer($0), orInsert: next)
        }
        guard held == nil else { return false }
        entries.append(Entry(path: path, text: text, position: position))
        registerIndices(of: path.rawValue)
        return true
    }

    /// The index in `entries` of the value at `path`.
    @inline(__always)
    func index(of path: FieldPath) -> Int? {
        // The closure takes the table alone: taking the store would copy every array it holds.
        let table = indexByPath
        return FieldPath.withBytes(of: path) { table.value(for: UnsafeRawBufferPointer($0)) }
    }

    /// The index in `entries` of the value at `FieldPath(joining: base, index: index, name)`, found
    /// without making that path.
    @inline(__always)
    func index(of base: FieldPath, _ index: Int?, _ name: StaticString?) -> Int? {
        let table = indexByPath
        return FieldPath.withJoinedBytes(base, index: index, name) { table.value(for: $0) }
    }

    func entry(_ path: FieldPath) -> Entry? { index(of: path).map { entries[$0] } }

    func contains(_ path: FieldPath) -> Bool { index(of: path) != nil }

    /// The number of elements of the list at `path` (which ends before the index).
    @inline(__always)
    func count(_ path: FieldPath) -> Int {
        let table = counts
        return FieldPath.withBytes(of: path) { table.value(for: UnsafeRawBufferPointer($0)) } ?? 0
    }

    /// The number of elements of the list at `FieldPath(joining: base, index: index, name)`.
    @inline(__always)
    func count(_ base: FieldPath, _ index: Int?, _ name: StaticString?) -> Int {
        let table = counts
        return FieldPath.withJoinedBytes(base, index: index, name) { table.value(for: $0) } ?? 0
    }

    /// Records, for every `[n]` in the path, that the list before it has at least n + 1 elements.
    private mutating func registerIndices(of path: String) {
        var path = path
        var last = lastIndexedPath
        let hasIndex = path.withUTF8 { bytes in
            // Most paths hold no list index, and have nothing to register.
            guard let start = bytes.baseAddress,
                let first = memchr(start, Int32(UInt8(ascii: "[")), bytes.count)
            else { return false }
            last.withUTF8 { previous in
                // An index within the part this path shares with the last one was registered with it.
                let shared = Self.sharedPrefixLength(bytes, previous)
                var i = start.distance(to: first.assumingMemoryBound(to: UInt8.self))
                while true {
                    var index = 0
                    var k = i + 1
                    while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
                        index = index * 10 + Int(bytes[k] - UInt8(ascii: "0"))
                        k += 1
                    }
                    if k >= shared {
                        counts.raise(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<i])), to: index + 1)
                    }
                    guard k < bytes.count, let next = memchr(start + k, Int32(UInt8(ascii: "[")), bytes.count - k)
                    else { break }
                    i = start.distance(to: next.assumingMemoryBound(to: UInt8.self))
                }
            }
            return true
        }
        if hasIndex { lastIndexedPath = path }
    }

    /// The number of leading bytes `a` and `b` share, compared eight at a time.
    private static func sharedPrefixLength(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let count = min(a.count, b.count)
        guard count > 0, let left = a.baseAddress, let right = b.baseAddress else { return 0 }
        var i = 0
        while i + 8 <= count {
            let difference =
                UInt64(littleEndian: UnsafeRawPointer(left).loadUnaligned(fromByteOffset: i, as: UInt64.self))
                ^ UInt64(littleEndian: UnsafeRawPointer(right).loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // In little-endian order, the first differing byte holds the lowest set bit.
            if difference != 0 { return i + difference.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count, left[i] == right[i] { i += 1 }
        return i
    }
}
