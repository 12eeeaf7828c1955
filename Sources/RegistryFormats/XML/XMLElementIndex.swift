import RegistryModel

/// Where every element of one read lies, so that a schema violation libxml2 reports by element name and
/// line can be placed on the exact tag, attribute or value.
///
/// libxml2 reports a violation with the line its parser had reached: the end of the element's start tag
/// for what it sees there (an element out of place, a wrong attribute), the end of the end tag for what
/// it knows only there (a missing child, a value outside its type). The index keeps, for each element,
/// its name, its parent, the byte offsets of its tags and the file lines where they end, and nothing
/// else, so that it costs a few words per element.
struct XMLElementIndex {
    struct Entry {
        /// The local name.
        let name: String
        let parent: Int?
        /// The start tag, from `<` to just after `>`.
        let startTag: Range<Int>
        /// Just after the name in the start tag.
        let nameEnd: Int
        /// (qualified name, first byte of the value) of each attribute.
        let attributes: [(name: Range<Int>, valueStart: Int)]
        /// The file line of the start tag's `>`.
        let startLine: Int
        /// The end tag, `nil` for `<name/>`.
        var endTag: Range<Int>?
        /// The file line of the end tag's `>` (the start tag's for `<name/>`).
        var endLine: Int
        /// `false` for elements outside the record, such as the collection around an upload study.
        let inRecord: Bool
    }

    /// What to add to a line libxml2 reports to get the line in the file.
    let lineShift: Int
    private(set) var entries: [Entry] = []

    init(lineShift: Int) {
        self.lineShift = lineShift
    }

    /// Adds an element whose start tag has just been read; returns its number.
    mutating func open(
        name: String, parent: Int?, tag: XMLRawScanner.StartTag, inRecord: Bool, startLine: Int
    ) -> Int {
        entries.append(Entry(
            name: name, parent: parent, startTag: tag.start..<tag.contentStart, nameEnd: tag.name.upperBound,
            attributes: tag.attributes, startLine: startLine, endTag: nil, endLine: startLine, inRecord: inRecord))
        return entries.count - 1
    }

    /// Records where an element ends.
    mutating func close(_ entry: Int, endTag: Range<Int>?, endLine: Int) {
        entries[entry].endTag = endTag
        entries[entry].endLine = endLine
    }

    /// The path of an element from the record's root: `clinical_study/arm_group/arm_type`.
    func path(of entry: Int) -> String {
        var names: [String] = []
        var current: Int? = entry
        while let index = current, entries[index].inRecord {
            names.append(entries[index].name)
            current = entries[index].parent
        }
        return names.reversed().joined(separator: "/")
    }

    /// The byte range of an element, from its start tag to the end of its end tag.
    func range(of entry: Int) -> Range<Int> {
        let element = entries[entry]
        return element.startTag.lowerBound..<(element.endTag?.upperBound ?? element.startTag.upperBound)
    }

    /// The children of an element, in document order.
    func children(of entry: Int) -> [Int] {
        var result: [Int] = []
        var i = entry + 1
        let end = range(of: entry).upperBound
        while i < entries.count, entries[i].startTag.lowerBound < end {
            if entries[i].parent == entry { result.append(i) }
            i += 1
        }
        return result
    }

    /// The element a violation is about: one named `name` whose start tag (for what libxml2 sees at the
    /// start) or end tag (for what it sees at the end) ends on the reported line. Elements outside the
    /// record are matched by name alone, since their lines are not the file's.
    func entry(named name: String, libxmlLine: Int, atEnd: Bool) -> Int? {
        let line = libxmlLine + lineShift
        var fallback: Int?
        for (i, entry) in entries.enumerated() where entry.name == name {
            if !entry.inRecord {
                fallback = fallback ?? i
                continue
            }
            let primary = atEnd ? entry.endLine : entry.startLine
            let secondary = atEnd ? entry.startLine : entry.endLine
            if primary == line { return i }
            if secondary == line, fallback == nil || !entries[fallback!].inRecord { fallback = i }
        }
        return fallback
    }
}
