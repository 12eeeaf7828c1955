import RegistryModel

/// The path of the value a reader is in, as it passes it down: a field path, or an element of a list.
///
/// An element's `list[i]` is not made a string of its own: it is joined straight into the paths of the
/// element's values (`list[i].name`), since a record can list hundreds of locations and outcomes, and
/// only their values carry paths.
struct ParentPath {
    private let base: FieldPath
    /// The element's index in the list at `base`; `nil` when `base` is the path itself.
    private let index: Int?

    init(_ path: FieldPath) {
        base = path
        index = nil
    }

    init(list: FieldPath, index: Int) {
        base = list
        self.index = index
    }

    /// The path itself, as a field path.
    var fieldPath: FieldPath {
        guard let index else { return base }
        return FieldPath(joining: base, index: index, nil)
    }

    /// The path of a member.
    func appending(_ name: StaticString) -> FieldPath { FieldPath(joining: base, index: index, name) }

    /// The path of a member that holds further values.
    func child(_ name: StaticString) -> ParentPath { ParentPath(appending(name)) }
}
