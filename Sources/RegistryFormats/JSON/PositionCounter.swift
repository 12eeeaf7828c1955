import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts lines and columns forward over bytes, so that positions cost one pass over a file whatever
/// the length of its lines.
struct PositionCounter {
    private(set) var line: Int
    /// The column of the next byte, in Unicode scalars.
    private(set) var column: Int
    /// The file offset of the next byte.
    private(set) var offset: Int

    init(_ start: SourcePosition = .start) {
        line = start.line
        column = start.column
        offset = start.offset
    }

    var position: SourcePosition { SourcePosition(line: line, column: column, offset: offset) }

    /// Moves past `bytes`, which must be the bytes that follow the current position.
    mutating func advance(over bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        let end = start + bytes.count
        var lineStart = start
        while let newline = memchr(lineStart, 0x0A, end - lineStart) {
            line += 1
            column = 1
            lineStart = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) + 1
        }
        column += PositionCounter.scalarCount(lineStart, end)
        offset += bytes.count
    }

    /// The Unicode scalars between two pointers into valid UTF-8: the bytes that are not continuation bytes
    /// (`10xxxxxx`), counted eight at a time.
    static func scalarCount(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var p = start
        var continuations = 0
        while end - p >= 8 {
            let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            continuations &+= (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            p += 8
        }
        while p < end {
            if p.pointee & 0xC0 == 0x80 { continuations &+= 1 }
            p += 1
        }
        return (end - start) - continuations
    }

    /// The position after `bytes`, leaving this counter where it is.
    func advanced(over bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var copy = self
        copy.advance(over: bytes)
        return copy.position
    }
}
