import RegistryModel

/// What the readers of XML records share when they map elements: keeping whatever the format's mapping
/// does not know in `extras` with a notice, and positions inside an element's text.
protocol XMLRecordMapping {
    /// The schema the format follows, as notices name it: "public.xsd".
    static var schemaName: String { get }
    var document: SourceDocument { get }
    var extras: [ExtraField] { get set }
    var notices: [ReadNotice] { get set }

    /// Takes an attribute of a structure that the format allows everywhere; `false` when the mapping
    /// does not know it.
    mutating func takeAttribute(_ attribute: XMLElementNode.Attribute, of path: XMLPath) -> Bool
}

/// A mapping that translates elements into v2 paths: it stores values with their positions in a
/// `V2FieldStore` and walks structures.
protocol XMLFieldMapping: XMLRecordMapping {
    var store: V2FieldStore { get set }
}

/// What a mapping reads of an element: an `XMLElementNode`, or one lent by its parent (`XMLElementRef`).
protocol XMLElementReading {
    var name: String { get }
    var contentPosition: SourcePosition { get }
    var attributes: [XMLElementNode.Attribute] { get }
    var text: String { get }
    var children: [XMLElementNode] { get }
}

extension XMLElementNode: XMLElementReading {}

/// An element lent by its parent's `children` for as long as the parent's buffer is open
/// (`withUnsafeBufferPointer`), so that a mapping reads it in place: taking an `XMLElementNode` out of
/// the array copies it, retaining its name, attributes, text and children, and releasing them after.
/// A reference never outlives the walk that made it.
struct XMLElementRef: XMLElementReading {
    let pointer: UnsafePointer<XMLElementNode>

    var name: String { pointer.pointee.name }
    var contentPosition: SourcePosition { pointer.pointee.contentPosition }
    var attributes: [XMLElementNode.Attribute] { pointer.pointee.attributes }
    var text: String { pointer.pointee.text }
    var children: [XMLElementNode] { pointer.pointee.children }

    func attribute(_ name: String) -> XMLElementNode.Attribute? { pointer.pointee.attribute(name) }
}

/// The path of a lent element (`XMLElementRef`), made only when a notice or an extra names it: nearly
/// every element maps to a field and never needs a path of its own, and making one for each costs an
/// object for each structure. It points at its parent's path and at the element, both lent, and so
/// never outlives the walk that made it, as the element does not.
struct LentPath {
    /// The parent's path; `nil` for the root.
    private let parent: UnsafePointer<LentPath>?
    private let element: UnsafePointer<XMLElementNode>

    /// The path of the root element.
    init(root: UnsafePointer<XMLElementNode>) {
        parent = nil
        element = root
    }

    /// The path of `element`, a child of the element at `parent`.
    init(parent: UnsafePointer<LentPath>, element: UnsafePointer<XMLElementNode>) {
        self.parent = parent
        self.element = element
    }

    /// The path, made.
    var xmlPath: XMLPath {
        guard let parent else { return XMLPath(root: element.pointee.name) }
        return parent.pointee.xmlPath.child(element.pointee.name)
    }
}

/// Where an element lies in its record, as extras and notices name it (`clinical_study/arm_group/arm_type`).
///
/// Nearly every element maps to a v2 path and never needs its own path, so the string is built only when
/// asked for: a path holds its parent's path, shared by all the parent's children, and its own name.
struct XMLPath {
    /// A path as the parent of its children's paths.
    final class Parent {
        let path: XMLPath

        init(_ path: XMLPath) {
            self.path = path
        }
    }

    /// `nil` for the root.
    private let parent: Parent?
    /// The element's name, the last component of the path.
    let name: String

    init(root: String) {
        self.parent = nil
        self.name = root
    }

    init(parent: Parent, name: String) {
        self.parent = parent
        self.name = name
    }

    var string: String { parent.map { $0.path.string + "/" + name } ?? name }

    func child(_ name: String) -> XMLPath { XMLPath(parent: Parent(self), name: name) }

    /// The path's string followed by `suffix`: `path + "/@type"`.
    static func + (path: XMLPath, suffix: String) -> String { path.string + suffix }
}

extension XMLFieldMapping {
    // MARK: Leaves

    /// A simple element whose text is the value of `target`.
    mutating func leaf(_ element: XMLElementNode, _ path: XMLPath, _ target: FieldPath) {
        checkLeaf(element, path)
        set(target, element.text, at: element.contentPosition, from: element, path)
    }

    /// A repeated simple element: the next item of the list `list`.
    mutating func listItem(_ element: XMLElementNode, _ path: XMLPath, _ list: FieldPath) {
        guard !element.text.isBlank else {
            checkLeaf(element, path)
            return
        }
        leaf(element, path, next(list))
    }

    /// A text block element: its one `<textblock>` child holds the text.
    mutating func textblock(_ element: XMLElementNode, _ path: XMLPath, _ target: FieldPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            guard child.name == "textblock" else { return false }
            mapper.leaf(child, childPath, target)
            return true
        }
    }

    /// Stores a non-empty value; a second value for the same field is kept in extras with a notice.
    mutating func set(
        _ target: FieldPath, _ text: String, at position: SourcePosition?, from element: XMLElementNode,
        _ path: XMLPath
    ) {
        guard !text.isBlank else { return }
        guard !store.set(target, text, at: position) else { return }
        keepRepeated(text, at: position, from: element, path, target: target)
    }

    /// Walks the children of a structure; `body` returns `false` for a child it does not know.
    mutating func forEachChild(
        of element: XMLElementNode, _ path: XMLPath, _ body: (inout Self, XMLElementNode, XMLPath) -> Bool
    ) {
        for attribute in element.attributes where !takeAttribute(attribute, of: path) {
            keepUnexpected(attribute, of: path)
        }
        keepStrayText(element, path)
        guard !element.children.isEmpty else { return }
        let parent = XMLPath.Parent(path)
        // Through the array's buffer, so that each child is lent to `body` rather than copied out of the
        // array (indexing the array itself copies every child, with its strings and arrays retained).
        element.children.withUnsafeBufferPointer { children in
            for i in children.indices {
                let childPath = XMLPath(parent: parent, name: children[i].name)
                if !body(&self, children[i], childPath) { keepUnexpected(children[i], childPath) }
            }
        }
    }

    /// The path of a new element at the end of `list`.
    func next(_ list: FieldPath) -> FieldPath { FieldPath(joining: list, index: store.count(list), nil) }
}

extension XMLRecordMapping {
    mutating func takeAttribute(_ attribute: XMLElementNode.Attribute, of path: XMLPath) -> Bool { false }

    /// Keeps in extras, with a notice, a second value for `target`, which holds one.
    mutating func keepRepeated<Element: XMLElementReading>(
        _ text: String, at position: SourcePosition?, from element: Element, _ path: XMLPath,
        target: FieldPath
    ) {
        let value = TextField(text, path: FieldPath(path.string), position: position)
        extras.append(ExtraField(key: path.string, value: value))
        notices.append(ReadNotice(
            kind: .unknownField, message: "<\(element.name)> repeats \(target), which holds one value; kept in extras",
            origin: value.origin))
    }

    /// Keeps, as unexpected, the children and the attributes other than `allowed` of an element that
    /// should hold only text.
    mutating func checkLeaf<Element: XMLElementReading>(
        _ element: Element, _ path: XMLPath, allowing allowed: Set<String> = []
    ) {
        for attribute in element.attributes where !allowed.contains(attribute.name) && !takeAttribute(attribute, of: path) {
            keepUnexpected(attribute, of: path)
        }
        for child in element.children { keepUnexpected(child, path.child(child.name)) }
    }

    /// The position `offset` UTF-8 bytes into the decoded text of `element`.
    func position<Element: XMLElementReading>(in element: Element, offset: Int) -> SourcePosition? {
        document.position(from: element.contentPosition, decodedOffset: offset)
    }

    // MARK: What the mapping does not know

    mutating func keepUnexpected<Element: XMLElementReading>(_ element: Element, _ path: XMLPath) {
        notices.append(ReadNotice(
            kind: .unknownField,
            message: "<\(element.name)> is not part of \(Self.schemaName) here; its text is kept in extras",
            origin: Origin(path: FieldPath(path.string), position: element.contentPosition)))
        keepText(of: element, path)
    }

    mutating func keepText<Element: XMLElementReading>(of element: Element, _ path: XMLPath) {
        if !element.text.isBlank {
            extras.append(ExtraField(
                key: path.string, value: TextField(element.text, path: FieldPath(path.string), position: element.contentPosition)))
        }
        for attribute in element.attributes {
            let attributePath = path + "/@" + attribute.name
            extras.append(ExtraField(
                key: attributePath,
                value: TextField(attribute.value, path: FieldPath(attributePath), position: attribute.position)))
        }
        for child in element.children { keepText(of: child, path.child(child.name)) }
    }

    mutating func keepUnexpected(_ attribute: XMLElementNode.Attribute, of path: XMLPath) {
        let attributePath = path + "/@" + attribute.name
        let value = TextField(attribute.value, path: FieldPath(attributePath), position: attribute.position)
        extras.append(ExtraField(key: attributePath, value: value))
        notices.append(ReadNotice(
            kind: .unknownField,
            message: "attribute \(attribute.name) is not part of \(Self.schemaName) here; kept in extras",
            origin: value.origin))
    }

    /// Text directly inside an element that should hold only elements.
    mutating func keepStrayText<Element: XMLElementReading>(_ element: Element, _ path: XMLPath) {
        guard !element.text.isBlank else { return }
        let value = TextField(element.text, path: FieldPath(path.string), position: element.contentPosition)
        extras.append(ExtraField(key: path.string, value: value))
        notices.append(ReadNotice(
            kind: .unknownField, message: "<\(element.name)> holds text besides its elements; kept in extras",
            origin: value.origin))
    }
}
