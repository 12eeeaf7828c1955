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

/// Finds the file positions of values in one record, for values asked for mostly in source order.
///
/// Moving forward costs only the bytes passed over. Moving back starts again from the nearest position
/// already known or the nearest line start (the parser noted every one), whichever is closer, so keys out
/// of order cost a short walk, not a rescan of a minified record's one long line.
struct RecordPositions {
    private let base: SourcePosition
    private let lineStarts: [UInt32]
    /// Positions found so far, by increasing offset in the record.
    private var known: [(offset: Int, position: SourcePosition)]

    init(base: SourcePosition, lineStarts: [UInt32]) {
        self.base = base
        self.lineStarts = lineStarts
        self.known = [(0, base)]
    }

    /// The file position of the byte at `target` in `bytes`, the record's bytes.
    mutating func position(at target: Int, in bytes: [UInt8]) -> SourcePosition {
        let last = known[known.count - 1]
        if last.offset <= target {
            let position = walk(from: last, to: target, in: bytes)
            known.append((target, position))
            return position
        }
        var start = known[lastIndex(in: known.count, atOrBefore: target) { known[$0].offset }]
        let line = lastIndex(in: lineStarts.count, atOrBefore: target) { Int(lineStarts[$0]) }
        if line >= 0, Int(lineStarts[line]) > start.offset {
            let offset = Int(lineStarts[line])
            start = (offset, SourcePosition(line: base.line + line + 1, column: 1, offset: base.offset + offset))
        }
        return walk(from: start, to: target, in: bytes)
    }

    private func walk(from start: (offset: Int, position: SourcePosition), to target: Int, in bytes: [UInt8])
        -> SourcePosition
    {
        bytes.withUnsafeBufferPointer { buffer in
            PositionCounter(start.position).advanced(over: UnsafeBufferPointer(rebasing: buffer[start.offset..<target]))
        }
    }

    /// The last index below `count` whose offset is at most `target`, or -1.
    private func lastIndex(in count: Int, atOrBefore target: Int, offset: (Int) -> Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if offset(mid) <= target { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}
