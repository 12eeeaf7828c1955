import RegistryModel

/// The values of one record keyed by their API v2 path, as a reader finds them, before they are typed.
///
/// Readers of formats whose layout is not API v2's (legacy XML, module text) translate each value they
/// find to its v2 path (`protocolSection.armsInterventionsModule.armGroups[1].label`) and put it here
/// as text with its position; `StudyAssembler` then builds the typed `Study` from the paths, in one
/// place for all such formats. List lengths are known from the indices used.
struct V2FieldStore {
    struct Entry {
        let text: String
        let position: SourcePosition?
    }

    private var entries: [String: Entry] = [:]
    /// Paths in the order they were set, to report values nobody used in record order.
    private(set) var order: [FieldPath] = []
    /// For each list (a path up to an index, with the indices of enclosing lists), its element count.
    private var counts: [String: Int] = [:]

    /// Stores a value; `false` (and nothing stored) when the path already holds one.
    @discardableResult
    mutating func set(_ path: FieldPath, _ text: String, at position: SourcePosition?) -> Bool {
        guard entries[path.rawValue] == nil else { return false }
        entries[path.rawValue] = Entry(text: text, position: position)
        order.append(path)
        registerIndices(of: path.rawValue)
        return true
    }

    func entry(_ path: FieldPath) -> Entry? { entries[path.rawValue] }

    func contains(_ path: FieldPath) -> Bool { entries[path.rawValue] != nil }

    /// The number of elements of the list at `path` (which ends before the index).
    func count(_ path: FieldPath) -> Int { counts[path.rawValue] ?? 0 }

    /// The element paths of the list at `path`: `path[0]`, `path[1]`, …
    func elements(_ path: FieldPath) -> [FieldPath] { (0..<count(path)).map { path.index($0) } }

    /// Records, for every `[n]` in the path, that the list before it has at least n + 1 elements.
    private mutating func registerIndices(of path: String) {
        var cursor = path.startIndex
        while let open = path[cursor...].firstIndex(of: "["),
            let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close])
        {
            let list = String(path[..<open])
            counts[list] = max(counts[list] ?? 0, index + 1)
            cursor = path.index(after: close)
        }
    }
}
