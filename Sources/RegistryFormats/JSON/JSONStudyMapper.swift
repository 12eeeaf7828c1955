import RegistryModel

/// A member name in both JSON dialects: API v2 `briefTitle`, classic `BriefTitle`.
struct JSONKey {
    /// The v2 name, which every field path uses whatever the dialect.
    let v2: StaticString
    let classic: StaticString
    /// The member's whole path when it is the same in every record (`V2Paths`), joined once per process
    /// rather than once per value; `nil` inside list items, whose paths hold an index.
    let fixedPath: FieldPath?

    init(_ v2: StaticString, _ classic: StaticString, path: FieldPath? = nil) {
        self.v2 = v2
        self.classic = classic
        fixedPath = path
    }

    /// The member's path under `parent`.
    func path(in parent: ParentPath) -> FieldPath { memberPath(fixedPath, parent, v2) }
}

/// A list in both dialects: v2 `conditions: [...]`, classic `ConditionList: {Condition: [...]}`.
struct JSONListKey {
    /// The v2 name, which every field path uses whatever the dialect.
    let v2: StaticString
    let classicList: StaticString
    let classicItem: StaticString
    /// The list's whole path when it is the same in every record, as for `JSONKey`.
    let fixedPath: FieldPath?

    init(_ v2: StaticString, _ classicList: StaticString, _ classicItem: StaticString, path: FieldPath? = nil) {
        self.v2 = v2
        self.classicList = classicList
        self.classicItem = classicItem
        fixedPath = path
    }

    /// The list's path under `parent`.
    func path(in parent: ParentPath) -> FieldPath { memberPath(fixedPath, parent, v2) }
}

/// `parent.appending(name)`, or `fixed` when it is given: a fixed path must spell the same, which debug
/// builds (the tests) check.
private func memberPath(_ fixed: FieldPath?, _ parent: ParentPath, _ name: StaticString) -> FieldPath {
    guard let fixed else { return parent.appending(name) }
    assert(fixed == parent.appending(name), "\(fixed) is not \(name) under its parent")
    return fixed
}

/// Maps a parsed JSON study, API v2 or classic, to the record model.
///
/// Both dialects share one mapping: each field names its v2 and classic keys, and its path is always the
/// v2 path. Values of the wrong JSON type are kept as text with a notice, unknown codes stay unknown with
/// a notice, and members the model has no place for (results, derived data …) are left in the source.
/// Fields are looked up in API order, which is source order for records the registry wrote, so that
/// positions are found in one forward walk.
struct JSONStudyMapper {
    enum Dialect {
        case v2, classic
    }

    let document: JSONDocument
    let dialect: Dialect
    private(set) var notices: [ReadNotice] = []
    /// Where the last position was found: fields are read in source order, so the next is a step away.
    private var lineCursor = LineCursor()

    init(document: JSONDocument, dialect: Dialect) {
        self.document = document
        self.dialect = dialect
    }

    // MARK: Structure

    /// The value of a member, or `nil` when it is absent or `null`.
    func member(_ object: Int?, _ key: JSONKey) -> Int? {
        member(object, dialect == .v2 ? key.v2 : key.classic)
    }

    private func member(_ object: Int?, _ name: StaticString) -> Int? {
        guard let object, let value = document.member(object, name), document.kind(value) != .null else { return nil }
        return value
    }

    /// A member that holds an object, such as a module; anything else there is reported and skipped.
    mutating func object(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath) -> Int? {
        guard let node = member(parent, key) else { return nil }
        return requireObject(node, key.path(in: parentPath))
    }

    /// The node if it is an object; otherwise a notice at `path`, which is only built then.
    private mutating func requireObject(_ node: Int, _ path: @autoclosure () -> FieldPath) -> Int? {
        guard document.kind(node) == .object else {
            notice(.unexpectedType, "expected an object, found \(describe(node)); not read", path(), node)
            return nil
        }
        return node
    }

    /// The items of a list with their paths (`conditions[0]`, `conditions[1]` …). A single value where a
    /// list belongs is read as a list of one, with a notice.
    mutating func items(_ parent: Int?, _ key: JSONListKey, _ parentPath: ParentPath) -> JSONItems {
        let container: Int?
        switch dialect {
        case .v2:
            container = member(parent, key.v2)
        case .classic:
            guard let list = member(parent, key.classicList) else { return JSONItems(document: document) }
            container = document.kind(list) == .object ? member(list, key.classicItem) : list
        }
        guard let container else { return JSONItems(document: document) }
        let path = key.path(in: parentPath)
        guard document.kind(container) == .array else {
            notice(.unexpectedType, "expected a list, found \(describe(container)); read as a list of one", path, container)
            return JSONItems(document: document, first: container, count: 1, path: path)
        }
        return JSONItems(document: document, first: container + 1, count: Int(document.nodes[container].count), path: path)
    }

    /// The items of a list of objects (arm groups, outcomes …) with their paths. Items that are not
    /// objects are reported, all before the caller reads any item, and left out.
    mutating func objectItems(_ parent: Int?, _ key: JSONListKey, _ parentPath: ParentPath) -> JSONItems {
        var list = items(parent, key, parentPath)
        var objects = 0
        for item in list where document.kind(item.node) != .null {
            if requireObject(item.node, item.path.fieldPath) != nil { objects += 1 }
        }
        list.keepObjects(count: objects)
        return list
    }

    // MARK: Values

    /// A text field.
    mutating func text(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath) -> TextField? {
        guard let node = member(parent, key) else { return nil }
        return text(node, key.path(in: parentPath))
    }

    /// Every text item of a list.
    mutating func texts(_ parent: Int?, _ key: JSONListKey, _ parentPath: ParentPath) -> [TextField] {
        let list = items(parent, key, parentPath)
        var texts: [TextField] = []
        texts.reserveCapacity(list.count)
        for item in list where document.kind(item.node) != .null {
            if let text = text(item.node, item.path.fieldPath) { texts.append(text) }
        }
        return texts
    }

    mutating func text(_ node: Int, _ path: FieldPath) -> TextField? {
        guard let (raw, position) = scalar(node, path) else { return nil }
        return TextField(raw, path: path, position: position)
    }

    /// An enumerated field: any spelling of either dialect; an unknown one is kept and reported.
    mutating func coded<Code: RegistryCode>(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath)
        -> Field<Coded<Code>>?
    {
        guard let node = member(parent, key) else { return nil }
        return coded(node, key.path(in: parentPath))
    }

    /// Every item of a list of codes.
    mutating func codes<Code: RegistryCode>(_ parent: Int?, _ key: JSONListKey, _ parentPath: ParentPath)
        -> [Field<Coded<Code>>]
    {
        let list = items(parent, key, parentPath)
        var codes: [Field<Coded<Code>>] = []
        codes.reserveCapacity(list.count)
        for item in list where document.kind(item.node) != .null {
            if let code: Field<Coded<Code>> = coded(item.node, item.path.fieldPath) { codes.append(code) }
        }
        return codes
    }

    /// A code that v2 holds as one value and classic as a list (`DesignObservationalModelList`); a
    /// classic list of more than one keeps the first, with a notice.
    mutating func firstCode<Code: RegistryCode>(_ parent: Int?, _ key: JSONListKey, _ parentPath: ParentPath)
        -> Field<Coded<Code>>?
    {
        guard dialect == .classic else {
            guard let node = member(parent, key.v2) else { return nil }
            return coded(node, key.path(in: parentPath))
        }
        let list = items(parent, key, parentPath)
        var items = list.makeIterator()
        guard let first = items.next() else { return nil }
        let path = key.path(in: parentPath)
        if list.count > 1 {
            notice(.unexpectedType, "\(list.count) values where API v2 has one; the first is kept", path, first.node)
        }
        return coded(first.node, path)
    }

    mutating func coded<Code: RegistryCode>(_ node: Int, _ path: FieldPath) -> Field<Coded<Code>>? {
        if let code: Code = document.code(spelledExactlyBy: node) {
            return Field(.known(code), path: path, position: position(of: node))
        }
        guard let (raw, position) = scalar(node, path) else { return nil }
        // The exact v2 code first, with the concrete type known here; other spellings go the general way.
        let value = Code(rawValue: raw).map(Coded.known) ?? Coded<Code>(spelling: raw)
        if case .unknown = value {
            notices.append(ReadNotice(kind: .unknownCode,
                message: "\"\(raw)\" is not a known \(Code.self) value; kept as written",
                origin: Origin(path: path, position: position)))
        }
        return Field(value, path: path, position: position)
    }

    /// A date field: ISO (v2) or "March 4, 2021" (classic); text in no known form is kept with `date == nil`.
    mutating func date(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath) -> Field<DateValue>? {
        guard let node = member(parent, key) else { return nil }
        let path = key.path(in: parentPath)
        guard let (raw, position) = scalar(node, path) else { return nil }
        let value = JSONStudyMapper.isoDate(raw) ?? DateValue(parsing: raw)
        if value.date == nil {
            notices.append(ReadNotice(kind: .unreadableDate,
                message: "\"\(raw)\" is not a date in a known form (2021-03-04, 2021-03, 2021, March 4, 2021, March 2021); kept as written",
                origin: Origin(path: path, position: position)))
        }
        return Field(value, path: path, position: position)
    }

    /// A date with its actual/estimated type (`startDateStruct`, classic `StartDateStruct`).
    mutating func dateStruct(
        _ parent: Int?, _ key: JSONKey, date dateKey: JSONKey, type typeKey: JSONKey, _ parentPath: ParentPath
    ) -> DateStruct? {
        guard let object = object(parent, key, parentPath) else { return nil }
        let path = ParentPath(key.path(in: parentPath))
        guard let date = date(object, dateKey, path) else { return nil }
        return DateStruct(date: date, type: coded(object, typeKey, path))
    }

    /// A whole number: a JSON number in v2, text such as "100" in classic.
    mutating func integer(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath) -> Field<Int>? {
        guard let node = member(parent, key) else { return nil }
        let path = key.path(in: parentPath)
        let position = position(of: node)
        let kind = document.kind(node)
        let raw = kind == .string ? document.string(node) : document.sourceText(node)
        guard kind == .string || kind == .number, let value = Int(raw.trimmingWhitespace()) else {
            notice(.unexpectedType, "expected a whole number, found \(describe(node)); not read", path, node)
            return nil
        }
        if dialect == .v2, kind != .number {
            notice(.unexpectedType, "expected a number, found \(describe(node)); read as \(value)", path, node)
        }
        return Field(value, path: path, position: position)
    }

    /// A yes/no field: `true`/`false` in v2, "Yes"/"No" in classic (and "Accepts Healthy Volunteers").
    mutating func boolean(_ parent: Int?, _ key: JSONKey, _ parentPath: ParentPath) -> Field<Bool>? {
        guard let node = member(parent, key) else { return nil }
        let path = key.path(in: parentPath)
        let position = position(of: node)
        let value: Bool
        switch document.kind(node) {
        case .true: value = true
        case .false: value = false
        case .string:
            let raw = document.string(node)
            switch RegistryCodeKey.fold(raw) {
            case "YES", "TRUE", "ACCEPTSHEALTHYVOLUNTEERS": value = true
            case "NO", "FALSE": value = false
            default:
                notice(.unknownCode, "\"\(raw)\" is not a yes/no value; not read", path, node)
                return nil
            }
            if dialect == .v2 {
                notice(.unexpectedType, "expected true or false, found \(describe(node)); read as \(value)", path, node)
            }
        default:
            notice(.unexpectedType, "expected true or false, found \(describe(node)); not read", path, node)
            return nil
        }
        return Field(value, path: path, position: position)
    }

    // MARK: Helpers

    /// The API v2 forms `yyyy`, `yyyy-MM` and `yyyy-MM-dd`, read straight from the bytes: nearly every date
    /// of a v2 record is one, and the general reader (`DateValue(parsing:)`) costs many times more.
    /// `nil` for anything else, which the general reader then reads.
    static func isoDate(_ raw: String) -> DateValue? {
        var text = raw
        return text.withUTF8 { bytes -> DateValue? in
            guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    let digit = Int(bytes[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4) else { return nil }
            var month: Int?
            var day: Int?
            if bytes.count >= 7 {
                guard bytes[4] == UInt8(ascii: "-"), let value = number(5..<7) else { return nil }
                month = value
            }
            if bytes.count == 10 {
                guard bytes[7] == UInt8(ascii: "-"), let value = number(8..<10) else { return nil }
                day = value
            }
            guard let date = PartialDate(year: year, month: month, day: day) else { return nil }
            return DateValue(raw: raw, date: date)
        }
    }

    /// A scalar's text and position: a string's decoded text, or any other value's source text with a
    /// notice that text was expected. `nil` for `null`.
    private mutating func scalar(_ node: Int, _ path: FieldPath) -> (String, SourcePosition)? {
        let kind = document.kind(node)
        if kind == .null { return nil }
        let position = position(of: node)
        if kind == .string { return (document.string(node), position) }
        let raw = document.sourceText(node)
        notices.append(ReadNotice(kind: .unexpectedType,
            message: "expected text, found \(describe(node)); kept as written",
            origin: Origin(path: path, position: position)))
        return (raw, position)
    }

    mutating func position(of node: Int) -> SourcePosition {
        document.lines.position(at: document.contentStart(node), base: document.base, cursor: &lineCursor)
    }

    private mutating func notice(_ kind: ReadNotice.Kind, _ message: String, _ path: FieldPath, _ node: Int) {
        notices.append(ReadNotice(kind: kind, message: message, origin: Origin(path: path, position: position(of: node))))
    }

    /// A value for a message: its kind and, when short, its source text.
    private func describe(_ node: Int) -> String {
        let kind = document.kind(node)
        guard kind != .object, kind != .array else { return document.kindName(node) }
        let raw = document.sourceText(node)
        let shown = raw.utf8.count > 60 ? String(raw.prefix(57)) + "…" : raw
        return "\(document.kindName(node)) \(shown)"
    }
}
