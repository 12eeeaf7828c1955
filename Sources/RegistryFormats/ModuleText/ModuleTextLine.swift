import RegistryModel

/// One line of a module-text file, classified on its own, without regard to what comes before.
///
/// Whether a line that looks like a key really starts one depends on the value it would end (see
/// `ModuleTextParser`); the classification only says what the line could be.
struct ModuleTextLine {
    enum Kind {
        /// A module heading ("Description Module"): starts a header block.
        case heading
        /// `Key: value` (or `Key:`) with a key of the export. `valueStart` is the UTF-8 offset of the
        /// value in the line, after `Key: `.
        case knownKey(String, ModuleTextKey, valueStart: Int)
        /// `Key: value` with a key the export does not have, shaped like one (capitalised words).
        case keyShaped(String, valueStart: Int)
        /// Text, a blank line, or a line of a header block.
        case text
    }

    /// The offset of the line's first byte in its record's bytes.
    var start: Int
    /// The offset just after the line's content, before `\r\n` or `\n`.
    var contentEnd: Int
    /// The 1-based line number in the file.
    let number: Int
    let kind: Kind
    /// `true` when the line holds only white space.
    let isBlank: Bool

    init(content: String, start: Int, contentEnd: Int, number: Int) {
        self.start = start
        self.contentEnd = contentEnd
        self.number = number
        self.isBlank = content.isBlank
        self.kind = ModuleTextLine.classify(content)
    }

    static func classify(_ content: String) -> Kind {
        let utf8 = content.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else {
            // Headings are a few words; long lines are text and need no folding.
            guard utf8.count <= maxKeyLength, ModuleTextKey.foldedHeadings.contains(RegistryCodeKey.fold(content))
            else { return .text }
            return .heading
        }
        guard utf8.distance(from: utf8.startIndex, to: colon) <= maxKeyLength else { return .text }
        let afterColon = utf8.index(after: colon)
        let valueStart: Int
        if afterColon == utf8.endIndex {
            valueStart = utf8.count
        } else if utf8[afterColon] == UInt8(ascii: " ") {
            valueStart = utf8.distance(from: utf8.startIndex, to: afterColon) + 1
        } else {
            return .text
        }
        let key = String(content[..<colon])
        if let known = ModuleTextKey.known(RegistryCodeKey.fold(key)), key.first?.isWhitespace == false {
            return .knownKey(key, known, valueStart: valueStart)
        }
        return isKeyShaped(key) ? .keyShaped(key, valueStart: valueStart) : .text
    }

    /// The longest key or heading, in bytes: the longest field title is under 50.
    private static let maxKeyLength = 80

    /// Function words a field title may hold in lower case ("Date of Birth").
    private static let lowercaseWords: Set<Substring> = ["of", "and", "or", "for", "to", "in", "by", "the", "a", "on", "with", "per", "at"]

    /// A key of up to eight words, the first capitalised, the others capitalised, numbers or function
    /// words, made of letters, digits and the punctuation titles use.
    private static func isKeyShaped(_ key: String) -> Bool {
        let words = key.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...8).contains(words.count), let first = words.first?.first, first.isUppercase else { return false }
        for word in words {
            guard let head = word.first else { return false }
            guard head.isUppercase || head.isNumber || lowercaseWords.contains(word) else { return false }
            guard word.allSatisfy({ $0.isLetter || $0.isNumber || "/-()'&,.#".contains($0) }) else { return false }
        }
        return true
    }
}
