#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds an element's content that is well formed XML of the plainest kind, so that a reader which
/// keeps none of it can spare libxml2 from parsing it.
///
/// A legacy record's `<clinical_results>` is nearly half of its bytes and none of the model's fields:
/// the tree builder only checks it for well-formedness. `PlainContentCheck` does the same check at a
/// fraction of the cost, and accepts only what it is sure of: elements whose names are ASCII and hold
/// no `:`, attributes that are not namespace declarations and not repeated, character data, and the
/// five predefined entity and character references to legal characters. Anything else (a comment, a
/// CDATA section, a processing instruction, a non-ASCII name, a mismatched end tag, a character XML does
/// not allow, a bare `&` or `<`) makes it give up, and the caller reads the document whole with libxml2,
/// which reports what is wrong in its own words. So whatever it accepts, libxml2 accepts too, and a
/// malformed document is never read through it.
///
/// The bytes must already be valid UTF-8 (`UTF8Validation`), so that only the characters XML excludes
/// from valid UTF-8 (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF) are left
/// to check.
struct PlainContentCheck {
    let bytes: UnsafeBufferPointer<UInt8>
    /// How many levels of elements the content may nest; deeper content is left to libxml2.
    let maxDepth: Int

    /// The `<` of the end tag that closes the content starting at `start` when that content is plain and
    /// well formed and the end tag is `</name>` (with optional white space before its `>`); `nil` when the
    /// content is not certainly well formed or not closed by that tag.
    func endTag(of name: [UInt8], contentFrom start: Int) -> Int? {
        guard let base = bytes.baseAddress, start <= bytes.count, !name.isEmpty else { return nil }
        return Self.classes.withUnsafeBufferPointer { classes in
            var scan = Scan(p: base, count: bytes.count, classes: classes.baseAddress!)
            return name.withUnsafeBufferPointer { name in scan.endTag(of: name, from: start, maxDepth: maxDepth) }
        }
    }

    /// Byte classes: character data that needs no look (all but `<`, `&`, `]`, the lead byte 0xEF of
    /// U+FFFE and U+FFFF, and the control characters other than tab, line feed and carriage return),
    /// the first byte of a plain name (an ASCII letter, `_`), a later byte of one (also digits, `-`, `.`),
    /// and XML white space.
    private static let plainText: UInt8 = 1, nameStart: UInt8 = 2, nameByte: UInt8 = 4, space: UInt8 = 8
    private static let classes: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var classes: UInt8 = 0
        switch byte {
        case 0x09, 0x0A, 0x0D: classes |= plainText | space
        case 0x20: classes |= plainText | space
        case ..<0x20, UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "]"), 0xEF: break
        default: classes |= plainText
        }
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
        {
            classes |= nameStart | nameByte
        }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
            classes |= nameByte
        }
        return classes
    }

    /// One check, over raw pointers: it looks at each byte of the content about once.
    private struct Scan {
        let p: UnsafePointer<UInt8>
        let count: Int
        let classes: UnsafePointer<UInt8>

        func has(_ byte: UInt8, _ bits: UInt8) -> Bool { classes[Int(byte)] & bits != 0 }

        mutating func endTag(of outer: UnsafeBufferPointer<UInt8>, from start: Int, maxDepth: Int) -> Int? {
            /// The open elements inside the content, innermost last, as (name start, name length) pairs.
            var open: [Int] = []
            open.reserveCapacity(32)
            var i = start
            while true {
                // Character data up to the next byte that needs a look.
                while i < count, has(p[i], PlainContentCheck.plainText) { i += 1 }
                guard i < count else { return nil }
                switch p[i] {
                case UInt8(ascii: "<"):
                    guard i + 1 < count else { return nil }
                    if p[i + 1] == UInt8(ascii: "/") {
                        let nameStart = i + 2
                        let expected: (start: UnsafePointer<UInt8>, count: Int)
                        if open.isEmpty {
                            expected = (outer.baseAddress!, outer.count)
                        } else {
                            expected = (p + open[open.count - 2], open[open.count - 1])
                        }
                        let nameEnd = nameStart + expected.count
                        guard nameEnd < count, memcmp(p + nameStart, expected.start, expected.count) == 0 else { return nil }
                        var close = nameEnd
                        while close < count, has(p[close], PlainContentCheck.space) { close += 1 }
                        guard close < count, p[close] == UInt8(ascii: ">") else { return nil }
                        if open.isEmpty { return i }
                        open.removeLast(2)
                        i = close + 1
                    } else {
                        let nameEnd = endOfName(from: i + 1)
                        guard nameEnd > i + 1, let (end, isEmpty) = restOfStartTag(from: nameEnd) else { return nil }
                        if !isEmpty {
                            guard open.count / 2 < maxDepth else { return nil }
                            open.append(i + 1)
                            open.append(nameEnd - i - 1)
                        }
                        i = end
                    }
                case UInt8(ascii: "&"):
                    guard let end = reference(at: i) else { return nil }
                    i = end
                case UInt8(ascii: "]"):
                    // `]]>` may not stand in character data.
                    if i + 2 < count, p[i + 1] == UInt8(ascii: "]"), p[i + 2] == UInt8(ascii: ">") { return nil }
                    i += 1
                case 0xEF:
                    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                    if i + 2 < count, p[i + 1] == 0xBF, p[i + 2] >= 0xBE { return nil }
                    i += 1
                default:
                    // A control character XML does not allow.
                    return nil
                }
            }
        }

        /// The rest of a start tag whose name ends at `nameEnd`, when its attributes are plain and well
        /// formed: the first byte after the tag, and whether it is `<name/>`.
        private func restOfStartTag(from nameEnd: Int) -> (end: Int, isEmpty: Bool)? {
            // The names of the tag's attributes so far, as (start, length); more than eight are left to libxml2.
            var names = InlineArray<8, (start: Int, length: Int)>(repeating: (0, 0))
            var attributes = 0
            var i = nameEnd
            while true {
                var next = i
                while next < count, has(p[next], PlainContentCheck.space) { next += 1 }
                guard next < count else { return nil }
                switch p[next] {
                case UInt8(ascii: ">"):
                    return (next + 1, false)
                case UInt8(ascii: "/"):
                    guard next + 1 < count, p[next + 1] == UInt8(ascii: ">") else { return nil }
                    return (next + 2, true)
                default:
                    // An attribute must be set off from the name or the value before it by white space.
                    guard next > i else { return nil }
                    let attributeEnd = endOfName(from: next)
                    let length = attributeEnd - next
                    // Namespace declarations change how names are read; a repeated attribute is an error.
                    guard length > 0, attributes < names.count, !(length >= 5 && memcmp(p + next, "xmlns", 5) == 0)
                    else { return nil }
                    for k in 0..<attributes where names[k].length == length {
                        if memcmp(p + names[k].start, p + next, length) == 0 { return nil }
                    }
                    names[attributes] = (next, length)
                    attributes += 1
                    var equals = attributeEnd
                    while equals < count, has(p[equals], PlainContentCheck.space) { equals += 1 }
                    guard equals < count, p[equals] == UInt8(ascii: "=") else { return nil }
                    var quote = equals + 1
                    while quote < count, has(p[quote], PlainContentCheck.space) { quote += 1 }
                    guard quote < count, p[quote] == UInt8(ascii: "\"") || p[quote] == UInt8(ascii: "'"),
                        let close = attributeValueEnd(from: quote + 1, quote: p[quote])
                    else { return nil }
                    i = close + 1
                }
            }
        }

        /// The closing quote of an attribute value starting at `start`, when the value holds no `<`, only
        /// well-formed references and only XML characters.
        private func attributeValueEnd(from start: Int, quote: UInt8) -> Int? {
            var i = start
            while i < count {
                let byte = p[i]
                if byte == quote { return i }
                if has(byte, PlainContentCheck.plainText) || byte == UInt8(ascii: "]") {
                    i += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "&"):
                    guard let end = reference(at: i) else { return nil }
                    i = end
                case 0xEF:
                    if i + 2 < count, p[i + 1] == 0xBF, p[i + 2] >= 0xBE { return nil }
                    i += 1
                default:
                    // `<`, or a control character XML does not allow.
                    return nil
                }
            }
            return nil
        }

        /// The first byte after a reference at `start` (its `&`): one of the five predefined entities, or
        /// a character reference to a character XML allows.
        private func reference(at start: Int) -> Int? {
            var semicolon = start + 1
            while semicolon < count, semicolon < start + 12, p[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < count, p[semicolon] == UInt8(ascii: ";") else { return nil }
            let body = UnsafeBufferPointer(start: p + start + 1, count: semicolon - start - 1)
            for entity in PlainContentCheck.predefinedEntities where entity.count == body.count {
                if entity.withUnsafeBufferPointer({ memcmp($0.baseAddress!, body.baseAddress!, body.count) }) == 0 {
                    return semicolon + 1
                }
            }
            guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
            var value: UInt32 = 0
            let hex = body[1] == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 8 else { return nil }
            for digit in digits {
                let d: UInt32
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(digit - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: d = UInt32(digit - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: d = UInt32(digit - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value * (hex ? 16 : 10) + d
            }
            let isCharacter = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x1_0000...0x10_FFFF).contains(value)
            return isCharacter ? semicolon + 1 : nil
        }

        /// The end of a plain name starting at `start`: an ASCII letter or `_`, then ASCII letters,
        /// digits, `_`, `-` and `.`; `start` itself when no such name starts there, or when the name goes
        /// on with any other name byte (a `:`, a non-ASCII letter), or is longer than libxml2 takes.
        private func endOfName(from start: Int) -> Int {
            guard start < count, has(p[start], PlainContentCheck.nameStart) else { return start }
            var i = start + 1
            while i < count, has(p[i], PlainContentCheck.nameByte) { i += 1 }
            guard i - start <= 1_000 else { return start }
            if i < count, p[i] >= 0x80 || p[i] == UInt8(ascii: ":") { return start }
            return i
        }
    }

    private static let predefinedEntities = ["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) }
}
