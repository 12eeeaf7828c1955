/// A 64-bit hash of a record's bytes (XXH64, seed 0), to tell an unchanged record from a changed one
/// when a scan is run again.
///
/// XXH64 reads 32 bytes per round in four independent lanes, so hashing costs a small fraction of
/// parsing; the value is the one `xxhsum -H64` prints, which lets a user check a stored hash by hand.
public struct ContentHash: Sendable, Hashable, CustomStringConvertible {
    public let value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    /// The hash of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.value = bytes.withUnsafeBytes { ContentHash.xxh64($0) }
    }

    /// The hash as 16 lower-case hexadecimal digits, as stored in the database.
    public var description: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Reads the 16-digit form back.
    public init?(hex: String) {
        guard hex.utf8.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        self.value = value
    }

    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    static func xxh64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var i = 0
        var hash: UInt64
        if count >= 32 {
            var v1 = p1 &+ p2
            var v2 = p2
            var v3: UInt64 = 0
            var v4 = 0 &- p1
            while i + 32 <= count {
                v1 = round(v1, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                v2 = round(v2, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian)
                v3 = round(v3, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian)
                v4 = round(v4, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian)
                i += 32
            }
            hash = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            hash = merge(hash, v1)
            hash = merge(hash, v2)
            hash = merge(hash, v3)
            hash = merge(hash, v4)
        } else {
            hash = p5
        }
        hash = hash &+ UInt64(count)
        while i + 8 <= count {
            let k = round(0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
            hash = rotate(hash ^ k, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= count {
            hash ^= UInt64(bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian) &* p1
            hash = rotate(hash, 23) &* p2 &+ p3
            i += 4
        }
        while i < count {
            hash ^= UInt64(bytes[i]) &* p5
            hash = rotate(hash, 11) &* p1
            i += 1
        }
        hash ^= hash >> 33
        hash = hash &* p2
        hash ^= hash >> 29
        hash = hash &* p3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotate(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }
}
