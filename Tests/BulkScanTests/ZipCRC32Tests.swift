import Testing

@testable import BulkScan

/// CRC-32 against the values zlib's `crc32` gives (Python's `zlib.crc32`).
@Test(arguments: [
    ("", UInt32(0x0000_0000)),
    ("a", 0xE8B7_BE43),
    ("123456789", 0xCBF4_3926),
    ("Nobody inspects the spammish repetition", 0xAD42_70ED),
])
func crc32MatchesZlib(text: String, expected: UInt32) {
    #expect(Array(text.utf8).withUnsafeBytes { ZipCRC32().checksum($0) } == expected)
}

@Test func crc32OfLongInputMatchesZlib() {
    let bytes = Array((0..<3).flatMap { _ in (0...255).map(UInt8.init) })
    #expect(bytes.withUnsafeBytes { ZipCRC32().checksum($0) } == 0xB0C0_DF2A)
}
