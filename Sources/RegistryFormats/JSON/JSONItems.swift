import RegistryModel

/// The items of a list in a parsed record, with their paths, found without building an array.
///
/// A single value where the list belongs is a list of one. For a list of objects (`objectsOnly`), the
/// items that are not objects are left out (the mapper has reported them).
struct JSONItems: Sequence {
    private let nodes: [JSONNode]
    private let first: Int
    /// Every item, objects or not.
    let count: Int
    private let path: FieldPath
    /// Whether only the objects among the items are read.
    private var objectsOnly = false
    /// How many items iteration yields.
    private var yieldCount: Int

    /// An absent list.
    init(document: JSONDocument) {
        self.init(document: document, first: 0, count: 0, path: "")
    }

    /// The `count` items starting at node `first`, a list at `path`.
    init(document: JSONDocument, first: Int, count: Int, path: FieldPath) {
        nodes = document.nodes
        self.first = first
        self.count = count
        self.path = path
        yieldCount = count
    }

    /// Leaves out the items that are not objects, of which there are `objects`.
    mutating func keepObjects(count objects: Int) {
        objectsOnly = true
        yieldCount = objects
    }

    var underestimatedCount: Int { yieldCount }

    func makeIterator() -> Iterator {
        Iterator(items: self, node: first, index: 0)
    }

    struct Iterator: IteratorProtocol {
        fileprivate let items: JSONItems
        fileprivate var node: Int
        fileprivate var index: Int

        mutating func next() -> (node: Int, path: ParentPath)? {
            while index < items.count {
                let current = node
                let offset = index
                index += 1
                if index < items.count { node = Int(items.nodes[current].next) }
                if items.objectsOnly, items.nodes[current].kind != .object { continue }
                return (current, ParentPath(list: items.path, index: offset))
            }
            return nil
        }
    }
}
