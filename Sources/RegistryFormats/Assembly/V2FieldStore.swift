import RegistryModel

/// The values of one record keyed by their API v2 path, as a reader finds them, before they are typed.
///
/// Readers of formats whose layout is not API v2's (legacy XML, module text) translate each value they
/// find to its v2 path (`protocolSection.armsInterventionsModule.armGroups[1].label`) and put it here
/// as text with its position; `StudyAssembler` then builds the typed `Study` from the paths, in one
/// place for all such formats. List lengths are known from the indices used.
struct V2FieldStore {
    struct Entry {
        let path: FieldPath
        let text: String
        let position: SourcePosition?
    }

    /// The values in the order they were set, so that values nobody used are reported in record order.
    private(set) var entries: [Entry] = []
    private var indexByPath: [String: Int] = [:]
    /// For each list (a path up to an index, with the indices of enclosing lists), its element count.
    private var counts: [String: Int] = [:]
    /// The path `registerIndices` saw last: values of one list element come one after the other, and
    /// the lists of the path they share with it are registered already.
    private var lastIndexedPath = ""

    /// An empty store with room for the values of a typical record, so that the path index is not
    /// rehashed again and again as it grows.
    init() {
        entries.reserveCapacity(Self.typicalCount)
        indexByPath.reserveCapacity(Self.typicalCount)
    }

    private static let typicalCount = 96

    /// Stores a value; `false` (and nothing stored) when the path already holds one.
    @discardableResult
    mutating func set(_ path: FieldPath, _ text: String, at position: SourcePosition?) -> Bool {
        // One hash of the path in the common case; a path set twice (rare) gets its first index back.
        if let first = indexByPath.updateValue(entries.count, forKey: path.rawValue) {
            indexByPath[path.rawValue] = first
            return false
        }
        entries.append(Entry(path: path, text: text, position: position))
        registerIndices(of: path.rawValue)
        return true
    }

    /// The index in `entries` of the value at `path`.
    func index(of path: FieldPath) -> Int? { indexByPath[path.rawValue] }

    func entry(_ path: FieldPath) -> Entry? { indexByPath[path.rawValue].map { entries[$0] } }

    func contains(_ path: FieldPath) -> Bool { indexByPath[path.rawValue] != nil }

    /// The number of elements of the list at `path` (which ends before the index).
    func count(_ path: FieldPath) -> Int { counts[path.rawValue] ?? 0 }

    /// The element paths of the list at `path`: `path[0]`, `path[1]`, …
    func elements(_ path: FieldPath) -> [FieldPath] { (0..<count(path)).map { path.index($0) } }

    private static func raise(_ count: inout Int, to least: Int) {
        if count < least { count = least }
    }

    /// Records, for every `[n]` in the path, that the list before it has at least n + 1 elements.
    private mutating func registerIndices(of path: String) {
        var path = path
        var last = lastIndexedPath
        path.withUTF8 { bytes in
            last.withUTF8 { previous in
                // An index within the part this path shares with the last one was registered with it.
                var shared = 0
                while shared < bytes.count, shared < previous.count, bytes[shared] == previous[shared] { shared += 1 }
                var i = 0
                while i < bytes.count {
                    guard bytes[i] == UInt8(ascii: "[") else {
                        i += 1
                        continue
                    }
                    var index = 0
                    var k = i + 1
                    while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
                        index = index * 10 + Int(bytes[k] - UInt8(ascii: "0"))
                        k += 1
                    }
                    if k >= shared {
                        let list = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<i]), as: UTF8.self)
                        V2FieldStore.raise(&counts[list, default: 0], to: index + 1)
                    }
                    i = k
                }
            }
        }
        lastIndexedPath = path
    }
}
