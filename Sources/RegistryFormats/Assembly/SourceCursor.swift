#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import RegistryModel

/// A forward-only walk over a record's raw bytes that knows the line and column of where it stands.
///
/// Readers ask for positions in increasing byte order, so the whole record is walked once however
/// many positions are asked for. Columns count Unicode scalars: every byte that is not a UTF-8
/// continuation byte starts one.
struct SourceCursor {
    /// Where byte 0 of the walked bytes lies in the file.
    let base: SourcePosition
    private(set) var index = 0
    private var line: Int
    private var column: Int

    init(base: SourcePosition) {
        self.base = base
        self.line = base.line
        self.column = base.column
    }

    /// A walk that starts at byte `start` of the bytes, which lies at `position` in the file.
    init(at position: SourcePosition, byte start: Int) {
        self.base = SourcePosition(line: position.line, column: position.column, offset: position.offset - start)
        self.index = start
        self.line = position.line
        self.column = position.column
    }

    /// The file position of byte `target`; `target` must not be before the last position asked for.
    mutating func position(at target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        precondition(target >= index, "positions are asked for in increasing order")
        precondition(target <= bytes.count, "a position within the bytes")
        // The walk passes over every byte of a record: `memchr` finds the line ends many bytes at a time,
        // and only the bytes after the last one are counted for the column.
        var lineStart = index
        if let start = bytes.baseAddress {
            while lineStart < target, let found = memchr(start + lineStart, 0x0A, target - lineStart) {
                line += 1
                column = 1
                lineStart = start.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        var i = lineStart
        if let start = bytes.baseAddress {
            // Records are nearly all ASCII: eight bytes at a time while none has its high bit set.
            let raw = UnsafeRawPointer(start)
            while i + 8 <= target, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                column += 8
                i += 8
            }
        }
        while i < target {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        index = target
        return SourcePosition(line: line, column: column, offset: base.offset + target)
    }
}
