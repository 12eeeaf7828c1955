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
    public private(set) var bytes: [UInt8]
    /// Where the map from folded bytes to original bytes changes, in folded order. Most text folds byte for
    /// byte, so a field needs a handful of pieces rather than a position per byte.
    private(set) var pieces: [Piece]

    /// `true` when the text is hard-wrapped, as XML text blocks are: most line breaks are followed by
    /// indentation, so a single line break is a space inside a sentence, not the end of a line of content.
    public private(set) var isHardWrapped: Bool

    /// Stands for a non-ASCII scalar with no ASCII reading (a letter with an accent, a CJK character).
    public static let other: UInt8 = 0x1A

    /// A run of folded bytes and where it came from: byte for byte from `original` when `length` is 0 (an
    /// identity run), or all from the original bytes `original ..< original + length` (a scalar, an escape,
    /// a run of white space).
    struct Piece: Sendable {
        var folded: Int32
        var original: Int32
        var length: Int32
    }

    public init(_ text: String) {
        self.init()
        read(text)
    }

    /// Empty text, for a field to fold its values into (`read(_:)`).
    init() {
        bytes = []
        pieces = []
        isHardWrapped = false
    }

    /// Folds `text` in place of what the text held, into the memory of its arrays.
    mutating func read(_ text: String) {
        // Out of `self` while the fold writes both: the closures below would otherwise each hold all of `self`.
        var bytes = self.bytes.takeEmptied()
        var pieces = self.pieces.takeEmptied()
        var text = text
        isHardWrapped = text.withUTF8 { utf8 in
            // The fold writes through a pointer into room for the widest folding, of which it keeps what it wrote.
            var wrapped = false
            bytes.append(addingCapacity: utf8.count * 2 + 4) { out in
                out.withUnsafeMutableBufferPointer { room, written in
                    (written, wrapped) = Self.fold(utf8, into: room, pieces: &pieces)
                }
            }
            return wrapped
        }
        self.bytes = bytes
        self.pieces = pieces
    }

    /// Plain printable ASCII, which the fast path copies as it is (not white space, not a backslash).
    @inline(__always) private static func isPlain(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F && b != 0x5C }

    /// Whether eight bytes (the first in the low byte) are each plain or a space, with no two spaces in a
    /// row, and a space last only when `plainNext` (the byte after them is plain): bytes the fast path copies
    /// as they are, whatever precedes them in a run.
    @inline(__always) private static func isPlainRun(_ x: UInt64, plainNext: @autoclosure () -> Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // A byte at or above 0x80, or below 0x20 (as every byte is then below 0x80, the subtraction borrows
        // from no byte that is not itself below 0x20).
        if x & high != 0 || (x &- ones &* 0x20) & ~x & high != 0 { return false }
        // 0x80 in each byte of `y` that is zero, exactly (every byte of `y` is below 0x80).
        func zeros(_ y: UInt64) -> UInt64 { ~(((y & low7) &+ low7) | y | low7) }
        if zeros(x ^ (ones &* 0x7F)) != 0 || zeros(x ^ (ones &* 0x5C)) != 0 { return false }
        let spaces = zeros(x ^ (ones &* 0x20))
        return spaces & (spaces >> 8) == 0 && (spaces & (high << 56) == 0 || plainNext())
    }

    /// Folds UTF-8 bytes in one pass into `out` (uninitialized bytes, each written before it is read), which
    /// has room for twice as many bytes: no input byte folds
    /// to more than two output bytes (`±` and `¼`, two bytes each, are the widest: `+/-`, `0.25`). Runs of
    /// plain ASCII and single spaces are copied in a tight loop and extend the current identity piece. Appends
    /// the pieces to `pieces`; returns how many bytes it wrote and whether the text is hard-wrapped.
    private static func fold(
        _ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, pieces: inout [Piece]
    ) -> (Int, Bool) {
        let count = utf8.count
        var lineBreakRuns = 0
        var indentedRuns = 0
        var n = 0
        var i = 0
        // `i - n` of the current identity piece; `Int.min` when the last piece is not an identity run.
        var runDelta = Int.min
        var inSuperscript = false

        @inline(__always) func identity(at i: Int) {
            if i - n != runDelta {
                pieces.append(Piece(folded: Int32(truncatingIfNeeded: n), original: Int32(truncatingIfNeeded: i), length: 0))
                runDelta = i - n
            }
        }
        @inline(__always) func atom(_ start: Int, _ end: Int) {
            pieces.append(
                Piece(
                    folded: Int32(truncatingIfNeeded: n), original: Int32(truncatingIfNeeded: start),
                    length: Int32(truncatingIfNeeded: max(end - start, 1))))
            runDelta = Int.min
        }
        @inline(__always) func put(_ byte: UInt8) {
            out[n] = byte
            n += 1
        }

        while i < count {
            let b = utf8[i]
            if isPlain(b) {
                identity(at: i)
                // Local copies, so that the loop keeps its counters in registers.
                var m = n
                var k = i
                while true {
                    // Eight bytes at a time while they are plain or single spaces between plain bytes, which the
                    // loop below would copy as they are one by one.
                    while k + 8 <= count, m + 8 <= out.count {
                        let chunk = UnsafeRawPointer(utf8.baseAddress! + k).loadUnaligned(as: UInt64.self)
                        guard isPlainRun(UInt64(littleEndian: chunk), plainNext: k + 8 < count && isPlain(utf8[k + 8]))
                        else { break }
                        UnsafeMutableRawPointer(out.baseAddress! + m).storeBytes(of: chunk, as: UInt64.self)
                        m += 8
                        k += 8
                    }
                    while k < count && isPlain(utf8[k]) {
                        out[m] = utf8[k]
                        m += 1
                        k += 1
                    }
                    // One space between words is copied as it is too: the commonest white space by far.
                    guard k + 1 < count, utf8[k] == 0x20, isPlain(utf8[k + 1]) else { break }
                    out[m] = 0x20
                    m += 1
                    k += 1
                }
                n = m
                i = k
                inSuperscript = false
                continue
            }
            // White space (with the ignorable scalars inside it): one space, `\n`, or `\n\n` for a blank line.
            if let run = whiteSpaceRun(utf8, at: i) {
                if run.newlines > 0 {
                    lineBreakRuns += 1
                    if run.indent >= 4 { indentedRuns += 1 }
                }
                inSuperscript = false
                // Leading and trailing white space fold to nothing.
                if n > 0, run.end < count {
                    let folded = run.newlines == 0 ? 1 : min(run.newlines, 2)
                    if run.end - i == folded { identity(at: i) } else { atom(i, run.end) }
                    put(run.newlines > 0 ? 0x0A : 0x20)
                    if folded == 2 { put(0x0A) }
                }
                i = run.end
                continue
            }
            if b < 0x80 {
                inSuperscript = false
                // A markdown escape: `\>` reads as `>`, keeping both bytes in the original range.
                if b == 0x5C, i + 1 < count, isMarkdownEscapable(utf8[i + 1]) {
                    atom(i, i + 2)
                    put(utf8[i + 1])
                    i += 2
                } else {
                    identity(at: i)
                    put(b)
                    i += 1
                }
                continue
            }
            let (scalar, length) = decode(utf8, at: i)
            let end = min(i + length, count)
            defer { i = end }
            if isIgnorable(scalar) { continue }
            if let digit = superscriptDigit(scalar) {
                atom(i, end)
                if !inSuperscript { put(UInt8(ascii: "^")) }
                put(digit)
                inSuperscript = true
                continue
            }
            inSuperscript = false
            atom(i, end)
            switch scalar {
            case 0xD7, 0x2715, 0x2A2F, 0x2217:  // × ✕ ⨯ ∗
                put(UInt8(ascii: "x"))
            case 0xB1, 0x2213:  // ± ∓
                put(UInt8(ascii: "+"))
                put(UInt8(ascii: "/"))
                put(UInt8(ascii: "-"))
            case 0x2265, 0x2267, 0x2A7E:  // ≥ ≧ ⩾
                put(UInt8(ascii: ">"))
                put(UInt8(ascii: "="))
            case 0x2264, 0x2266, 0x2A7D:  // ≤ ≦ ⩽
                put(UInt8(ascii: "<"))
                put(UInt8(ascii: "="))
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0x2043:  // hyphens, dashes, minus
                put(UInt8(ascii: "-"))
            case 0xB5, 0x3BC:  // micro sign, Greek small mu
                put(UInt8(ascii: "u"))
            case 0xBC, 0xBD, 0xBE:  // ¼ ½ ¾: `5½ weeks` reads as `5.5 weeks`, a lone `½` as `0.5`
                if n == 0 || !(out[n - 1] >= 0x30 && out[n - 1] <= 0x39) { put(UInt8(ascii: "0")) }
                put(UInt8(ascii: "."))
                if scalar == 0xBD {
                    put(UInt8(ascii: "5"))
                } else {
                    put(scalar == 0xBC ? UInt8(ascii: "2") : UInt8(ascii: "7"))
                    put(UInt8(ascii: "5"))
                }
            case 0x2018, 0x2019, 0x201B, 0x2032:
                put(UInt8(ascii: "'"))
            case 0x201C, 0x201D, 0x201F, 0x2033:
                put(UInt8(ascii: "\""))
            case 0x3001:  // ideographic comma
                put(UInt8(ascii: ","))
            case 0x3002, 0x2026:  // ideographic full stop, ellipsis
                put(UInt8(ascii: "."))
            case 0xFF01...0xFF5E:  // full-width ASCII
                put(UInt8(truncatingIfNeeded: scalar - 0xFEE0))
            case 0x2044, 0x2215:  // fraction slash, division slash
                put(UInt8(ascii: "/"))
            case 0x2022, 0x25CF, 0x25AA, 0x25E6, 0x2023, 0x2219, 0xB7:  // bullets, middle dot
                put(UInt8(ascii: "*"))
            case 0x223C, 0x301C:  // tilde operator, wave dash
                put(UInt8(ascii: "~"))
            default:
                put(Self.other)
            }
        }
        return (n, lineBreakRuns >= 2 && indentedRuns * 5 >= lineBreakRuns * 4)
    }

    /// A run of white space at `i` (ASCII white space, Unicode spaces, and the ignorable scalars among them):
    /// where it ends, how many line breaks it holds (`\r\n` is one), and how much indentation ends it.
    private static func whiteSpaceRun(_ u: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, newlines: Int, indent: Int)? {
        var i = start
        var newlines = 0
        var indent = 0
        var sawSpace = false
        while i < u.count {
            let b = u[i]
            if b == 0x20 || b == 0x09 {
                indent += 1
                i += 1
            } else if b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C {
                if b == 0x0A || (b == 0x0D && (i + 1 == u.count || u[i + 1] != 0x0A)) { newlines += 1 }
                indent = 0
                i += 1
            } else if b >= 0x80 {
                let (scalar, length) = decode(u, at: i)
                if isSpace(scalar) {
                    if scalar == 0x2028 || scalar == 0x2029 || scalar == 0x85 {
                        newlines += 1
                        indent = 0
                    } else {
                        indent += 1
                    }
                } else if !(isIgnorable(scalar) && sawSpace) {
                    break
                }
                i += length
            } else {
                break
            }
            sawSpace = true
        }
        return i > start && sawSpace ? (min(i, u.count), newlines, indent) : nil
    }

    /// The original UTF-8 range of the folded bytes `range` (non-empty).
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        originalSpan(of: range.lowerBound).lowerBound..<originalSpan(of: range.upperBound - 1).upperBound
    }

    /// The original bytes folded byte `k` came from.
    private func originalSpan(of k: Int) -> Range<Int> {
        // The last piece starting at or before `k`.
        var lo = 0
        var hi = pieces.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(pieces[mid].folded) <= k { lo = mid } else { hi = mid }
        }
        let piece = pieces[lo]
        let start = Int(piece.original)
        // Folded white space stands for no text: an empty range where its run began.
        let isSpace = bytes[k] == 0x20 || bytes[k] == 0x0A
        if piece.length == 0 {
            let byte = start + (k - Int(piece.folded))
            return byte..<(isSpace ? byte : byte + 1)
        }
        return start..<(isSpace ? start : start + Int(piece.length))
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
