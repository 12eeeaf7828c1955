/// A field's text folded to plain ASCII for the lexer, with every byte mapped back to the UTF-8 range it
/// came from in the original value.
///
/// Registry text spells the same thing many ways: markdown escapes in API v2 text (`\>`, `mg/m\^2`),
/// hard-wrapped XML text blocks (a line break and indentation inside a sentence), full-width punctuation
/// (`，：（）～`), non-breaking and other odd spaces, en and em dashes, Unicode superscripts (`10⁸`, `m²`),
/// `µ` and `μ`. Folding them once here lets every rule read one spelling, while facts still report the
/// original text: `originalRange(_:)` turns a folded range into the original UTF-8 range.
///
/// Folding: runs of white space become one space, one `\n` when they hold a line break, or two when they
/// hold a blank line; `×` becomes `x`; `±` becomes `+/-`; `≥`/`≤` become `>=`/`<=`; dashes become `-`;
/// superscript digits become `^` followed by the digits; micro signs become `u`; `½` becomes `.5` after a
/// digit and `0.5` alone (so `¼`, `¾`); other non-ASCII scalars become the placeholder byte `Self.other`,
/// which the lexer reads as a letter so that names with accents stay one word.
public struct NormalizedText: Sendable {
    /// The folded bytes: ASCII, plus `other` for scalars with no ASCII reading.
    public let bytes: [UInt8]
    /// For each folded byte, the start of the original UTF-8 range it came from.
    let starts: [Int32]
    /// For each folded byte, the end of the original UTF-8 range it came from.
    let ends: [Int32]

    /// `true` when the text is hard-wrapped, as XML text blocks are: most line breaks are followed by
    /// indentation, so a single line break is a space inside a sentence, not the end of a line of content.
    public let isHardWrapped: Bool

    /// Stands for a non-ASCII scalar with no ASCII reading (a letter with an accent, a CJK character).
    public static let other: UInt8 = 0x1A

    public init(_ text: String) {
        var text = text
        (bytes, starts, ends, isHardWrapped) = text.withUTF8 { Self.fold($0) }
    }

    /// Folds UTF-8 bytes in one pass into preallocated buffers: no input byte folds to more than two output
    /// bytes (`±` and `¼`, two bytes each, are the widest: `+/-`, `0.25`).
    private static func fold(_ utf8: UnsafeBufferPointer<UInt8>) -> ([UInt8], [Int32], [Int32], Bool) {
        let capacity = utf8.count * 2 + 4
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        let outStarts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: capacity)
        let outEnds = UnsafeMutableBufferPointer<Int32>.allocate(capacity: capacity)
        defer {
            out.deallocate()
            outStarts.deallocate()
            outEnds.deallocate()
        }
        var n = 0
        var lineBreakRuns = 0
        var indentedRuns = 0
        var i = 0
        var pendingSpace = false
        var pendingNewlines = 0
        var spaceStart = 0
        var inSuperscript = false

        @inline(__always) func append(_ byte: UInt8, _ start: Int, _ end: Int) {
            out[n] = byte
            outStarts[n] = Int32(truncatingIfNeeded: start)
            outEnds[n] = Int32(truncatingIfNeeded: end)
            n += 1
        }
        @inline(__always) func flushSpace(at end: Int) {
            guard pendingSpace else { return }
            if pendingNewlines > 0 {
                lineBreakRuns += 1
                var k = end - 1
                var indent = 0
                while k > spaceStart, utf8[k] == 0x20 || utf8[k] == 0x09 {
                    indent += 1
                    k -= 1
                }
                if indent >= 4 { indentedRuns += 1 }
            }
            // A blank line (two line breaks or more) folds to two `\n`, so that the lexer can tell paragraphs.
            if n > 0 {
                append(pendingNewlines > 0 ? 0x0A : 0x20, spaceStart, spaceStart)
                if pendingNewlines > 1 { append(0x0A, spaceStart, spaceStart) }
            }
            pendingSpace = false
            pendingNewlines = 0
        }

        while i < utf8.count {
            let b = utf8[i]
            if b < 0x80 {
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C {
                    if !pendingSpace { spaceStart = i }
                    pendingSpace = true
                    if b == 0x0A || (b == 0x0D && (i + 1 == utf8.count || utf8[i + 1] != 0x0A)) { pendingNewlines += 1 }
                    inSuperscript = false
                    i += 1
                    continue
                }
                flushSpace(at: i)
                inSuperscript = false
                // A markdown escape: `\>` reads as `>`, keeping both bytes in the original range.
                if b == 0x5C, i + 1 < utf8.count, isMarkdownEscapable(utf8[i + 1]) {
                    append(utf8[i + 1], i, i + 2)
                    i += 2
                    continue
                }
                append(b, i, i + 1)
                i += 1
                continue
            }
            let (scalar, length) = decode(utf8, at: i)
            let end = min(i + length, utf8.count)
            defer { i = end }
            if isSpace(scalar) {
                if !pendingSpace { spaceStart = i }
                pendingSpace = true
                if scalar == 0x2028 || scalar == 0x2029 || scalar == 0x85 { pendingNewlines += 1 }
                inSuperscript = false
                continue
            }
            if isIgnorable(scalar) { continue }
            flushSpace(at: i)
            if let digit = superscriptDigit(scalar) {
                if !inSuperscript { append(UInt8(ascii: "^"), i, end) }
                append(digit, i, end)
                inSuperscript = true
                continue
            }
            inSuperscript = false
            switch scalar {
            case 0xD7, 0x2715, 0x2A2F, 0x2217:  // × ✕ ⨯ ∗
                append(UInt8(ascii: "x"), i, end)
            case 0xB1, 0x2213:  // ± ∓
                append(UInt8(ascii: "+"), i, end)
                append(UInt8(ascii: "/"), i, end)
                append(UInt8(ascii: "-"), i, end)
            case 0x2265, 0x2267, 0x2A7E:  // ≥ ≧ ⩾
                append(UInt8(ascii: ">"), i, end)
                append(UInt8(ascii: "="), i, end)
            case 0x2264, 0x2266, 0x2A7D:  // ≤ ≦ ⩽
                append(UInt8(ascii: "<"), i, end)
                append(UInt8(ascii: "="), i, end)
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0x2043:  // hyphens, dashes, minus
                append(UInt8(ascii: "-"), i, end)
            case 0xB5, 0x3BC:  // micro sign, Greek small mu
                append(UInt8(ascii: "u"), i, end)
            case 0xBC, 0xBD, 0xBE:  // ¼ ½ ¾: `5½ weeks` reads as `5.5 weeks`, a lone `½` as `0.5`
                if n == 0 || !(out[n - 1] >= 0x30 && out[n - 1] <= 0x39) { append(UInt8(ascii: "0"), i, end) }
                append(UInt8(ascii: "."), i, end)
                if scalar == 0xBD {
                    append(UInt8(ascii: "5"), i, end)
                } else {
                    append(scalar == 0xBC ? UInt8(ascii: "2") : UInt8(ascii: "7"), i, end)
                    append(UInt8(ascii: "5"), i, end)
                }
            case 0x2018, 0x2019, 0x201B, 0x2032:
                append(UInt8(ascii: "'"), i, end)
            case 0x201C, 0x201D, 0x201F, 0x2033:
                append(UInt8(ascii: "\""), i, end)
            case 0x3001:  // ideographic comma
                append(UInt8(ascii: ","), i, end)
            case 0x3002, 0x2026:  // ideographic full stop, ellipsis
                append(UInt8(ascii: "."), i, end)
            case 0xFF01...0xFF5E:  // full-width ASCII
                append(UInt8(truncatingIfNeeded: scalar - 0xFEE0), i, end)
            case 0x2044, 0x2215:  // fraction slash, division slash
                append(UInt8(ascii: "/"), i, end)
            case 0x2022, 0x25CF, 0x25AA, 0x25E6, 0x2023, 0x2219, 0xB7:  // bullets, middle dot
                append(UInt8(ascii: "*"), i, end)
            case 0x223C, 0x301C:  // tilde operator, wave dash
                append(UInt8(ascii: "~"), i, end)
            default:
                append(Self.other, i, end)
            }
        }
        let bytes = Array(UnsafeBufferPointer(rebasing: out[0..<n]))
        let starts = Array(UnsafeBufferPointer(rebasing: outStarts[0..<n]))
        let ends = Array(UnsafeBufferPointer(rebasing: outEnds[0..<n]))
        let wrapped = lineBreakRuns >= 2 && indentedRuns * 5 >= lineBreakRuns * 4
        return (bytes, starts, ends, wrapped)
    }

    /// The original UTF-8 range of the folded bytes `range` (non-empty).
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        Int(starts[range.lowerBound])..<Int(ends[range.upperBound - 1])
    }

    // MARK: - Scalar classes

    static func isMarkdownEscapable(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"),
            UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "~"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "="), UInt8(ascii: "{"),
            UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    static func isSpace(_ s: UInt32) -> Bool {
        switch s {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Scalars that carry nothing for reading: zero-width spaces and joiners, soft hyphen, byte order mark.
    static func isIgnorable(_ s: UInt32) -> Bool {
        switch s {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    static func superscriptDigit(_ s: UInt32) -> UInt8? {
        switch s {
        case 0x2070: return UInt8(ascii: "0")
        case 0xB9: return UInt8(ascii: "1")
        case 0xB2: return UInt8(ascii: "2")
        case 0xB3: return UInt8(ascii: "3")
        case 0x2074...0x2079: return UInt8(truncatingIfNeeded: s - 0x2074) + UInt8(ascii: "4")
        case 0x207B: return UInt8(ascii: "-")
        default: return nil
        }
    }

    /// Decodes one scalar from valid UTF-8 (Swift strings always are).
    static func decode(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(u[i])
        func cont(_ k: Int) -> UInt32 { i + k < u.count ? UInt32(u[i + k] & 0x3F) : 0 }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | cont(1), 2) }
        if b0 < 0xF0 { return (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3) }
        return (((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    }
}
