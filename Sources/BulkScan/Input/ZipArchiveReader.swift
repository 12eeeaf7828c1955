import Foundation
import ZIPFoundation

/// One open zip archive, read through ZIPFoundation: its members' bytes, checked against their CRC.
///
/// An `Archive` reads through one C `FILE`, so it belongs to one thread: the enumerator walks the
/// central directory with its own reader, and each worker opens its own reader of the same file.
final class ZipArchiveReader {
    let path: String
    let archive: Archive
    /// The number of members the end of central directory record announces.
    let entryCount: Int
    private let crc = ZipCRC32()

    /// Opens the archive at `path`, failing with a message that names the file when it is not a whole
    /// zip archive (a download cut short has no central directory at its end).
    init(path: String) throws(ScanFailureError) {
        self.path = path
        guard let count = ZipArchiveReader.announcedEntryCount(path: path) else {
            throw ScanFailureError(ScanFailure(
                source: path, kind: .corruptArchive,
                message: "not a complete zip archive: it has no end of central directory record, as when a download is cut short; download it again"))
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ScanFailureError(ScanFailure(
                source: path, kind: .corruptArchive, message: "cannot read the zip archive's central directory: \(error)"))
        }
        entryCount = count
    }

    /// The uncompressed bytes of `member`, refused when larger than `limit` bytes.
    func bytes(of member: ZipMember, limit: Int) throws(ScanFailureError) -> [UInt8] {
        let entry = member.entry.entry
        func failure(_ kind: ScanFailure.Kind, _ message: String) -> ScanFailureError {
            ScanFailureError(ScanFailure(source: path, member: member.path, kind: kind, message: message))
        }
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw failure(.tooLarge, "the member is \(entry.uncompressedSize >> 20) MiB, larger than the \(limit >> 20) MiB limit for one record")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { chunk in
                // A member may hold more than its header says; stop before it can exhaust memory.
                guard bytes.count + chunk.count <= limit else { throw ZipMemberTooLarge() }
                bytes.append(contentsOf: chunk)
            }
        } catch is ZipMemberTooLarge {
            throw failure(.tooLarge, "the member inflates to more than the \(limit >> 20) MiB limit for one record")
        } catch {
            throw failure(.corruptMember, "the member cannot be decompressed (\(error)): the archive is damaged; download it again")
        }
        guard bytes.withUnsafeBytes(crc.checksum) == entry.checksum else {
            throw failure(.corruptMember, "the member's CRC-32 does not match its bytes: the archive is damaged; download it again")
        }
        guard bytes.count == Int(entry.uncompressedSize) else {
            throw failure(.corruptMember, "the member holds \(bytes.count) bytes, but the central directory says \(entry.uncompressedSize): the archive is damaged; download it again")
        }
        return bytes
    }

    /// `true` when the file starts like a zip archive (a local file header, or the end record of an
    /// empty archive).
    static func isZip(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic = [UInt8](repeating: 0, count: 4)
        guard read(fd, &magic, 4) == 4 else { return false }
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0x50, 0x4B, 0x05, 0x06]
    }

    /// The member count of the end of central directory record (or its ZIP64 form), or `nil` when the
    /// file has none in its last 64 KiB, where the format puts it.
    static func announcedEntryCount(path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let tailSize = min(size, 22 + 0xFFFF)
        var tail = [UInt8](repeating: 0, count: tailSize)
        guard pread(fd, &tail, tailSize, off_t(size - tailSize)) == tailSize, tailSize >= 22 else { return nil }
        func u16(_ i: Int, in b: [UInt8]) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int, in b: [UInt8]) -> Int { u16(i, in: b) | u16(i + 2, in: b) << 16 }
        var i = tailSize - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 { break }
            i -= 1
        }
        guard i >= 0 else { return nil }
        let count = u16(i + 10, in: tail)
        guard count == 0xFFFF else { return count }
        // ZIP64: the locator just before the end record gives the offset of the ZIP64 end record.
        guard i >= 20, u32(i - 20, in: tail) == 0x0706_4B50 else { return count }
        let recordOffset = u32(i - 20 + 8, in: tail) | u32(i - 20 + 12, in: tail) << 32
        var record = [UInt8](repeating: 0, count: 56)
        guard pread(fd, &record, 56, off_t(recordOffset)) == 56, u32(0, in: record) == 0x0606_4B50 else { return nil }
        return u32(32, in: record) | u32(36, in: record) << 32
    }
}

private struct ZipMemberTooLarge: Error {}
