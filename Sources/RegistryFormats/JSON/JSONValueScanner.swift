/// Finds where a JSON value ends, chunk by chunk, without parsing it.
///
/// A byte state machine (in a string or not, after a backslash or not, how deep) that can stop at the end
/// of any chunk and go on with the next, so a value is delimited in one pass however it is split across
/// reads. It does not validate: the parser does that on the value's bytes once they are delimited. It
/// does stop at nesting deeper than its limit, so that a file of nothing but `[` is refused at once.
struct JSONValueScanner {
    private enum State {
        /// Nothing seen yet.
        case start
        /// Inside an object or array, outside strings.
        case container
        /// Inside a string; `depth == 0` when the string is the value itself.
        case string
        /// After a backslash inside a string.
        case escape
        /// Inside a number or literal, which ends at the first byte that cannot continue it.
        case scalar
    }

    private var state = State.start
    /// Open arrays and objects.
    private var depth = 0
    /// The nesting allowed inside the value.
    private let depthLimit: Int
    /// Where, in the bytes last scanned, the bracket is that nests deeper than the limit; scanning stops there.
    private(set) var tooDeepAt: Int?

    init(depthLimit: Int = .max) {
        self.depthLimit = depthLimit
    }

    /// Scans `bytes` from `from`; returns the index one past the value's last byte if the value ends within
    /// them, or `nil` after taking in all of them or on nesting too deep (`tooDeepAt`). `bytes[from]` must
    /// start the value when nothing has been scanned yet.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        let count = bytes.count
        while i < count {
            switch state {
            case .start:
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth = 1
                    state = .container
                    if depth > depthLimit {
                        tooDeepAt = i
                        return nil
                    }
                case UInt8(ascii: "\""):
                    state = .string
                default:
                    state = .scalar
                }
                i += 1
            case .container:
                i = JSONValueScanner.next(bytes, from: i, JSONValueScanner.structure)
                guard i < count else { return nil }
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    state = .string
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > depthLimit {
                        tooDeepAt = i
                        return nil
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        state = .start
                        return i + 1
                    }
                default:
                    break
                }
                i += 1
            case .string:
                i = JSONValueScanner.next(bytes, from: i, JSONValueScanner.stringEnd)
                guard i < count else { return nil }
                if bytes[i] == UInt8(ascii: "\\") {
                    state = .escape
                } else if depth == 0 {
                    state = .start
                    return i + 1
                } else {
                    state = .container
                }
                i += 1
            case .escape:
                state = .string
                i += 1
            case .scalar:
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"),
                    UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: ":"):
                    state = .start
                    return i
                default:
                    i += 1
                }
            }
        }
        return nil
    }

    /// The index of the first byte at or after `from` that `flags` marks, or `bytes.count`. `flags` sets the
    /// high bit of each byte of a little-endian word that may matter; the lowest one set must be exact.
    private static func next(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, _ flags: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return from }
        var i = from
        while i + 8 <= bytes.count {
            let marked = flags(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            if marked != 0 { return i + marked.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < bytes.count, flags(UInt64(bytes[i])) & 0x80 == 0 { i += 1 }
        return i
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte`; the lowest one set is exact.
    @inline(__always) private static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Quotes and brackets, the bytes that change the state outside strings.
    private static func structure(_ word: UInt64) -> UInt64 {
        bytes(word, equalTo: UInt8(ascii: "\"")) | bytes(word, equalTo: UInt8(ascii: "{"))
            | bytes(word, equalTo: UInt8(ascii: "}")) | bytes(word, equalTo: UInt8(ascii: "["))
            | bytes(word, equalTo: UInt8(ascii: "]"))
    }

    /// Quotes and backslashes, the bytes that matter inside a string.
    private static func stringEnd(_ word: UInt64) -> UInt64 {
        bytes(word, equalTo: UInt8(ascii: "\"")) | bytes(word, equalTo: UInt8(ascii: "\\"))
    }

    /// Whether the bytes scanned so far make a whole value when the input ends here (only a number or
    /// literal can end without a closing byte).
    var isCompleteAtEnd: Bool {
        if case .scalar = state { return true }
        return false
    }
}
