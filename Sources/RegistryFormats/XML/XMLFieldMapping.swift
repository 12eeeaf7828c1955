import RegistryModel

/// What the readers of XML records share when they translate elements into v2 paths: storing values with
/// their positions, walking structures, and keeping whatever the format's mapping does not know in
/// `extras` with a notice.
protocol XMLFieldMapping {
    /// The schema the format follows, as notices name it: "public.xsd".
    static var schemaName: String { get }
    var document: SourceDocument { get }
    var store: V2FieldStore { get set }
    var extras: [ExtraField] { get set }
    var notices: [ReadNotice] { get set }

    /// Takes an attribute of a structure that the format allows everywhere; `false` when the mapping
    /// does not know it.
    mutating func takeAttribute(_ attribute: XMLElementNode.Attribute, of path: String) -> Bool
}

extension XMLFieldMapping {
    mutating func takeAttribute(_ attribute: XMLElementNode.Attribute, of path: String) -> Bool { false }

    // MARK: Leaves

    /// A simple element whose text is the value of `target`.
    mutating func leaf(_ element: XMLElementNode, _ path: String, _ target: FieldPath) {
        checkLeaf(element, path)
        set(target, element.text, at: element.contentPosition, from: element, path)
    }

    /// A repeated simple element: the next item of the list `list`.
    mutating func listItem(_ element: XMLElementNode, _ path: String, _ list: FieldPath) {
        guard !element.text.isBlank else {
            checkLeaf(element, path)
            return
        }
        leaf(element, path, next(list))
    }

    /// A text block element: its one `<textblock>` child holds the text.
    mutating func textblock(_ element: XMLElementNode, _ path: String, _ target: FieldPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            guard child.name == "textblock" else { return false }
            mapper.leaf(child, childPath, target)
            return true
        }
    }

    /// Stores a non-empty value; a second value for the same field is kept in extras with a notice.
    mutating func set(
        _ target: FieldPath, _ text: String, at position: SourcePosition?, from element: XMLElementNode,
        _ path: String
    ) {
        guard !text.isBlank else { return }
        guard !store.set(target, text, at: position) else { return }
        let value = TextField(text, path: FieldPath(path), position: position)
        extras.append(ExtraField(key: path, value: value))
        notices.append(ReadNotice(
            kind: .unknownField, message: "<\(element.name)> repeats \(target), which holds one value; kept in extras",
            origin: value.origin))
    }

    /// Keeps, as unexpected, the children and the attributes other than `allowed` of an element that
    /// should hold only text.
    mutating func checkLeaf(_ element: XMLElementNode, _ path: String, allowing allowed: Set<String> = []) {
        for attribute in element.attributes where !allowed.contains(attribute.name) && !takeAttribute(attribute, of: path) {
            keepUnexpected(attribute, of: path)
        }
        for child in element.children { keepUnexpected(child, path + "/" + child.name) }
    }

    /// Walks the children of a structure; `body` returns `false` for a child it does not know.
    mutating func forEachChild(
        of element: XMLElementNode, _ path: String, _ body: (inout Self, XMLElementNode, String) -> Bool
    ) {
        for attribute in element.attributes where !takeAttribute(attribute, of: path) {
            keepUnexpected(attribute, of: path)
        }
        keepStrayText(element, path)
        for child in element.children {
            let childPath = path + "/" + child.name
            if !body(&self, child, childPath) { keepUnexpected(child, childPath) }
        }
    }

    /// The path of a new element at the end of `list`.
    func next(_ list: FieldPath) -> FieldPath { list.index(store.count(list)) }

    /// The position `offset` UTF-8 bytes into the decoded text of `element`.
    func position(in element: XMLElementNode, offset: Int) -> SourcePosition? {
        document.position(from: element.contentPosition, decodedOffset: offset)
    }

    // MARK: What the mapping does not know

    mutating func keepUnexpected(_ element: XMLElementNode, _ path: String) {
        notices.append(ReadNotice(
            kind: .unknownField,
            message: "<\(element.name)> is not part of \(Self.schemaName) here; its text is kept in extras",
            origin: Origin(path: FieldPath(path), position: element.contentPosition)))
        keepText(of: element, path)
    }

    mutating func keepText(of element: XMLElementNode, _ path: String) {
        if !element.text.isBlank {
            extras.append(ExtraField(
                key: path, value: TextField(element.text, path: FieldPath(path), position: element.contentPosition)))
        }
        for attribute in element.attributes {
            let attributePath = path + "/@" + attribute.name
            extras.append(ExtraField(
                key: attributePath,
                value: TextField(attribute.value, path: FieldPath(attributePath), position: attribute.position)))
        }
        for child in element.children { keepText(of: child, path + "/" + child.name) }
    }

    mutating func keepUnexpected(_ attribute: XMLElementNode.Attribute, of path: String) {
        let attributePath = path + "/@" + attribute.name
        let value = TextField(attribute.value, path: FieldPath(attributePath), position: attribute.position)
        extras.append(ExtraField(key: attributePath, value: value))
        notices.append(ReadNotice(
            kind: .unknownField,
            message: "attribute \(attribute.name) is not part of \(Self.schemaName) here; kept in extras",
            origin: value.origin))
    }

    /// Text directly inside an element that should hold only elements.
    mutating func keepStrayText(_ element: XMLElementNode, _ path: String) {
        guard !element.text.isBlank else { return }
        let value = TextField(element.text, path: FieldPath(path), position: element.contentPosition)
        extras.append(ExtraField(key: path, value: value))
        notices.append(ReadNotice(
            kind: .unknownField, message: "<\(element.name)> holds text besides its elements; kept in extras",
            origin: value.origin))
    }
}
