import Foundation
import Testing

@testable import BulkScan

/// The zip reader against archives written by ZIPFoundation and assembled byte by byte (ZIP64, as the
/// registry's full download of 600,000 members is), whole and damaged.
@Suite struct ZipArchiveReaderTests {
    private func read(_ url: URL) throws -> (ZipArchiveReader, [ZipEntry]) {
        let reader = try ZipArchiveReader(path: url.path)
        return (reader, Array(reader.entries()))
    }

    private func readFailure(_ reader: ZipArchiveReader, _ entry: ZipEntry, limit: Int = 1 << 20) -> ScanFailure? {
        do {
            _ = try reader.bytes(of: ZipMember(entry: entry), limit: limit)
            return nil
        } catch {
            return error.failure
        }
    }

    @Test func readsDeflatedAndStoredMembersOfZIPFoundation() throws {
        let folder = try TemporaryFolder()
        var archive = ZipBuilder()
        for name in Records.names { archive.add(name, try Records.bytes(name)) }
        archive.add("stored/" + Records.names[0], try Records.bytes(Records.names[0]), stored: true)
        archive.add("docs/", [], stored: true)
        archive.add("empty.json", [])
        let url = folder.file("studies.zip")
        try archive.write(to: url)

        let (reader, entries) = try read(url)
        #expect(reader.entryCount == archive.members.count)
        #expect(entries.map(\.path) == archive.members.map(\.path))
        for (entry, member) in zip(entries, archive.members) {
            #expect(try reader.bytes(of: ZipMember(entry: entry), limit: 1 << 20) == member.bytes)
        }
    }

    @Test func readsZIP64Archives() throws {
        let folder = try TemporaryFolder()
        var archive = HandBuiltZip(zip64: true)
        for name in Records.names { archive.members.append((name, try Records.bytes(name))) }
        let url = folder.file("zip64.zip")
        try Data(archive.bytes()).write(to: url)

        let (reader, entries) = try read(url)
        #expect(reader.entryCount == Records.names.count)
        #expect(entries.map(\.path) == Records.names)
        for (entry, member) in zip(entries, archive.members) {
            #expect(entry.uncompressedSize == UInt64(member.bytes.count))
            #expect(try reader.bytes(of: ZipMember(entry: entry), limit: 1 << 20) == member.bytes)
        }
    }

    @Test func damagedDeflateDataIsACorruptMember() throws {
        let folder = try TemporaryFolder()
        var archive = ZipBuilder()
        let record = try Records.bytes(Records.names[0])
        archive.add("a.json", record)
        let url = folder.file("studies.zip")
        try archive.write(to: url)
        var bytes = Array(try Data(contentsOf: url))
        // The middle of the only member's deflate stream.
        bytes[30 + "a.json".utf8.count + 200] ^= 0x55
        try Data(bytes).write(to: url)

        let (reader, entries) = try read(url)
        let damaged = try #require(readFailure(reader, entries[0]))
        #expect(damaged.kind == .corruptMember)
        #expect(damaged.member == "a.json")
        #expect(damaged.message.hasSuffix("the archive is damaged; download it again"))
    }

    @Test func sizesThatDisagreeWithTheDataAreCorruptMembers() throws {
        let folder = try TemporaryFolder()
        var archive = ZipBuilder()
        archive.add("a.json", try Records.bytes(Records.names[0]))
        let url = folder.file("studies.zip")
        try archive.write(to: url)
        let (reader, entries) = try read(url)
        let entry = entries[0]
        func with(uncompressedSize: UInt64) -> ZipEntry {
            ZipEntry(
                path: entry.path, kind: entry.kind, flags: entry.flags, method: entry.method, crc32: entry.crc32,
                compressedSize: entry.compressedSize, uncompressedSize: uncompressedSize,
                localHeaderOffset: entry.localHeaderOffset)
        }
        let short = try #require(readFailure(reader, with(uncompressedSize: entry.uncompressedSize - 10)))
        #expect(short.kind == .corruptMember)
        #expect(short.message.contains("inflates to more than"))
        let long = try #require(readFailure(reader, with(uncompressedSize: entry.uncompressedSize + 10)))
        #expect(long.kind == .corruptMember)
        #expect(long.message.contains("but the central directory says \(entry.uncompressedSize + 10)"))
        let tooLarge = try #require(readFailure(reader, entry, limit: Int(entry.uncompressedSize) - 1))
        #expect(tooLarge.kind == .tooLarge)
    }

    @Test func encryptedAndUnknownMethodsAreRefused() throws {
        let folder = try TemporaryFolder()
        var archive = HandBuiltZip(zip64: false)
        archive.members = [("a.json", Array("{}".utf8)), ("b.json", Array("{}".utf8))]
        var bytes = archive.bytes()
        // The central directory's flags of the first entry and compression method of the second.
        let central = bytes.count - 22 - 2 * (46 + 6)
        bytes[central + 8] = 1
        bytes[central + 46 + 6 + 10] = 12
        let url = folder.file("odd.zip")
        try Data(bytes).write(to: url)

        let (reader, entries) = try read(url)
        #expect(readFailure(reader, entries[0])?.message == "the member is encrypted; ctlint reads only unencrypted members")
        #expect(readFailure(reader, entries[1])?.message == "the member is compressed with method 12; ctlint reads stored and deflated members only")
    }

    @Test func centralDirectoryBeyondTheFileIsACorruptArchive() throws {
        let folder = try TemporaryFolder()
        var archive = HandBuiltZip(zip64: false)
        archive.members = [("a.json", Array("{}".utf8))]
        var bytes = archive.bytes()
        // The end record's directory offset.
        bytes[bytes.count - 22 + 16] = 0xFF
        bytes[bytes.count - 22 + 17] = 0xFF
        let url = folder.file("odd.zip")
        try Data(bytes).write(to: url)
        let error = #expect(throws: ScanFailureError.self) { _ = try ZipArchiveReader(path: url.path) }
        #expect(error?.failure.kind == .corruptArchive)
        #expect(error?.failure.message.contains("beyond the end of the file") == true)
    }

    @Test func entryKindsFollowTheModeOfTheSystemThatMadeThem() {
        let unix = 3 << 8, dos = 0, other = 11 << 8
        #expect(ZipCentralDirectory.kind(path: "a/", madeBy: unix, attributes: 0o040755 << 16) == .directory)
        #expect(ZipCentralDirectory.kind(path: "a/", madeBy: unix, attributes: 0o100644 << 16) == .file)
        #expect(ZipCentralDirectory.kind(path: "a.json", madeBy: unix, attributes: 0o120777 << 16) == .symlink)
        #expect(ZipCentralDirectory.kind(path: "a/", madeBy: unix, attributes: 0) == .directory)
        #expect(ZipCentralDirectory.kind(path: "a", madeBy: dos, attributes: 0x10) == .directory)
        #expect(ZipCentralDirectory.kind(path: "a.json", madeBy: dos, attributes: 0x20) == .file)
        #expect(ZipCentralDirectory.kind(path: "a/", madeBy: other, attributes: 0) == .directory)
    }

    @Test func pathsWithoutTheUTF8FlagAreCodePage437() {
        #expect(ZipCentralDirectory.codePage437High.count == 128)
        #expect(ZipCentralDirectory.path([0x81, 0x2E, 0x6A, 0x73, 0x6F, 0x6E], utf8: false) == "ü.json")
        #expect(ZipCentralDirectory.path(ArraySlice("é.json".utf8), utf8: true) == "é.json")
    }
}

/// A zip archive assembled byte by byte from stored members, in ZIP64 form if asked: sizes and offsets in
/// ZIP64 extra fields, and a ZIP64 end record with its locator before the classic end record.
struct HandBuiltZip {
    var zip64: Bool
    var members: [(path: String, bytes: [UInt8])] = []

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le(_ value: UInt64, _ count: Int, _ into: inout [UInt8]) {
            for k in 0..<count { into.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
        }
        let marker: UInt64 = 0xFFFF_FFFF
        for member in members {
            let offset = UInt64(out.count)
            let name = Array(member.path.utf8)
            let size = UInt64(member.bytes.count)
            let crc = UInt64(Self.crc32(member.bytes))
            var localExtra: [UInt8] = []
            var centralExtra: [UInt8] = []
            if zip64 {
                le(1, 2, &localExtra); le(16, 2, &localExtra); le(size, 8, &localExtra); le(size, 8, &localExtra)
                le(1, 2, &centralExtra); le(24, 2, &centralExtra)
                le(size, 8, &centralExtra); le(size, 8, &centralExtra); le(offset, 8, &centralExtra)
            }
            le(0x0403_4B50, 4, &out); le(45, 2, &out); le(0, 2, &out); le(0, 2, &out); le(0, 4, &out)
            le(crc, 4, &out); le(zip64 ? marker : size, 4, &out); le(zip64 ? marker : size, 4, &out)
            le(UInt64(name.count), 2, &out); le(UInt64(localExtra.count), 2, &out)
            out += name + localExtra + member.bytes

            le(0x0201_4B50, 4, &central); le(0x031E, 2, &central); le(45, 2, &central); le(0, 2, &central)
            le(0, 2, &central); le(0, 4, &central); le(crc, 4, &central)
            le(zip64 ? marker : size, 4, &central); le(zip64 ? marker : size, 4, &central)
            le(UInt64(name.count), 2, &central); le(UInt64(centralExtra.count), 2, &central); le(0, 2, &central)
            le(0, 2, &central); le(0, 2, &central); le(0o100644 << 16, 4, &central)
            le(zip64 ? marker : offset, 4, &central)
            central += name + centralExtra
        }
        let directoryOffset = UInt64(out.count)
        let directorySize = UInt64(central.count)
        let count = UInt64(members.count)
        out += central
        if zip64 {
            let recordOffset = UInt64(out.count)
            le(0x0606_4B50, 4, &out); le(44, 8, &out); le(45, 2, &out); le(45, 2, &out); le(0, 4, &out); le(0, 4, &out)
            le(count, 8, &out); le(count, 8, &out); le(directorySize, 8, &out); le(directoryOffset, 8, &out)
            le(0x0706_4B50, 4, &out); le(0, 4, &out); le(recordOffset, 8, &out); le(1, 4, &out)
        }
        le(0x0605_4B50, 4, &out); le(0, 2, &out); le(0, 2, &out)
        le(zip64 ? 0xFFFF : count, 2, &out); le(zip64 ? 0xFFFF : count, 2, &out)
        le(zip64 ? marker : directorySize, 4, &out); le(zip64 ? marker : directoryOffset, 4, &out); le(0, 2, &out)
        return out
    }

    /// CRC-32 bit by bit, independent of the reader's.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
