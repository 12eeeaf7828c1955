import CLibDeflate
import Foundation

/// A member of a zip archive, as its central directory entry describes it.
struct ZipEntry: Sendable {
    enum Kind: Sendable { case file, directory, symlink }

    /// The member's path inside the archive.
    let path: String
    let kind: Kind
    /// The general purpose bit flag (bit 0: encrypted).
    let flags: UInt16
    /// The compression method: 0 stored, 8 deflated.
    let method: UInt16
    let crc32: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    /// Where the member's local header starts in the file.
    let localHeaderOffset: UInt64
}

/// One open zip archive: its central directory, and its members' bytes, inflated with libdeflate and
/// checked against their CRC-32.
///
/// The reader owns a file descriptor read with `pread`, a buffer for compressed bytes and a libdeflate
/// decompressor, none of which may be shared between threads: the enumerator walks the central
/// directory with a reader of its own, and each worker opens its own reader of the same file.
/// ZIP64 archives (more than 65,535 members or 4 GiB, as the registry's full download) are read too.
final class ZipArchiveReader {
    let path: String
    /// The number of members the end of central directory record announces.
    let entryCount: Int
    private let file: Int32
    private let fileSize: UInt64
    private let directoryOffset: UInt64
    private let directoryEnd: UInt64
    /// Made when the first deflated member is read: the enumerator's reader never needs one.
    private var decompressor: OpaquePointer?
    /// The compressed bytes of the member being read, kept for the next member.
    private var compressed: [UInt8] = []

    /// Opens the archive at `path`, failing with a message that names the file when it is not a whole
    /// zip archive (a download cut short has no central directory at its end).
    init(path: String) throws(ScanFailureError) {
        self.path = path
        file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw ScanFailureError(ScanFailure(
                source: path, kind: .io, message: "cannot open: \(String(cString: strerror(errno)))"))
        }
        var info = stat()
        guard fstat(file, &info) == 0, let end = EndRecord(file: file, size: UInt64(info.st_size)) else {
            close(file)
            throw ScanFailureError(ScanFailure(
                source: path, kind: .corruptArchive,
                message: "not a complete zip archive: it has no end of central directory record, as when a download is cut short; download it again"))
        }
        fileSize = UInt64(info.st_size)
        guard end.directoryOffset <= fileSize, end.directorySize <= fileSize - end.directoryOffset else {
            close(file)
            throw ScanFailureError(ScanFailure(
                source: path, kind: .corruptArchive,
                message: "cannot read the zip archive's central directory: its end record places it beyond the end of the file; the archive is damaged; download it again"))
        }
        entryCount = end.entryCount
        directoryOffset = end.directoryOffset
        directoryEnd = end.directoryOffset + end.directorySize
    }

    deinit {
        close(file)
        if let decompressor { libdeflate_free_decompressor(decompressor) }
    }

    /// The central directory's entries in order, up to the first one that cannot be read.
    func entries() -> ZipCentralDirectory {
        ZipCentralDirectory(file: file, offset: directoryOffset, end: directoryEnd)
    }

    /// The uncompressed bytes of `member`, refused when larger than `limit` bytes.
    func bytes(of member: ZipMember, limit: Int) throws(ScanFailureError) -> [UInt8] {
        let entry = member.entry
        func failure(_ kind: ScanFailure.Kind, _ message: String) -> ScanFailureError {
            ScanFailureError(ScanFailure(source: path, member: member.path, kind: kind, message: message))
        }
        let damaged = "the archive is damaged; download it again"
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw failure(.tooLarge, "the member is \(entry.uncompressedSize >> 20) MiB, larger than the \(limit >> 20) MiB limit for one record")
        }
        guard entry.flags & 1 == 0 else {
            throw failure(.unknownFormat, "the member is encrypted; ctlint reads only unencrypted members")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw failure(.unknownFormat, "the member is compressed with method \(entry.method); ctlint reads stored and deflated members only")
        }
        var header = [UInt8](repeating: 0, count: 30)
        guard readFully(&header, at: entry.localHeaderOffset), ZipBytes.u32(header, 0) == 0x0403_4B50 else {
            throw failure(.corruptMember, "the member's local header is missing or damaged: \(damaged)")
        }
        let dataStart = entry.localHeaderOffset + 30 + UInt64(ZipBytes.u16(header, 26)) + UInt64(ZipBytes.u16(header, 28))
        let size = Int(entry.uncompressedSize)
        // Deflate stores incompressible data with 5 bytes per 65,535 added, and even a compressor that wrote it
        // with fixed Huffman codes would add an eighth: a compressed size beyond this is no deflate stream.
        let compressedLimit = entry.uncompressedSize + entry.uncompressedSize >> 2 + 1024
        guard dataStart <= fileSize, entry.compressedSize <= fileSize - dataStart,
            entry.method == 8 ? entry.compressedSize <= compressedLimit : entry.compressedSize == entry.uncompressedSize
        else {
            throw failure(.corruptMember, "the member's sizes do not fit the archive (\(entry.compressedSize) bytes stored for \(entry.uncompressedSize)): \(damaged)")
        }

        var bytes: [UInt8]
        if entry.method == 0 {
            bytes = [UInt8](repeating: 0, count: size)
            guard readFully(&bytes, at: dataStart) else {
                throw failure(.corruptMember, "the member cannot be read: \(damaged)")
            }
        } else {
            let stored = Int(entry.compressedSize)
            if compressed.count < stored { compressed = [UInt8](repeating: 0, count: stored) }
            guard compressed.withUnsafeMutableBytes({ readFully($0.baseAddress, count: stored, at: dataStart) }) else {
                throw failure(.corruptMember, "the member cannot be read: \(damaged)")
            }
            if decompressor == nil { decompressor = libdeflate_alloc_decompressor() }
            guard let decompressor else {
                throw failure(.io, "cannot allocate a decompressor: out of memory")
            }
            var status = LIBDEFLATE_SUCCESS
            var produced = 0
            // One byte more than announced, so that a member holding more than its entry says is caught.
            bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { output, count in
                status = compressed.withUnsafeBytes { input in
                    libdeflate_deflate_decompress(
                        decompressor, input.baseAddress, stored, output.baseAddress, size + 1, &produced)
                }
                count = status == LIBDEFLATE_SUCCESS ? produced : 0
            }
            guard status == LIBDEFLATE_SUCCESS else {
                if status == LIBDEFLATE_INSUFFICIENT_SPACE {
                    throw failure(.corruptMember, "the member inflates to more than the \(size) bytes the central directory says: \(damaged)")
                }
                throw failure(.corruptMember, "the member cannot be decompressed (its deflate data is invalid): \(damaged)")
            }
            guard produced == size else {
                throw failure(.corruptMember, "the member holds \(produced) bytes, but the central directory says \(size): \(damaged)")
            }
        }
        guard bytes.withUnsafeBytes({ libdeflate_crc32(0, $0.baseAddress, $0.count) }) == entry.crc32 else {
            throw failure(.corruptMember, "the member's CRC-32 does not match its bytes: \(damaged)")
        }
        return bytes
    }

    private func readFully(_ buffer: inout [UInt8], at offset: UInt64) -> Bool {
        let count = buffer.count
        return buffer.withUnsafeMutableBytes { readFully($0.baseAddress, count: count, at: offset) }
    }

    private func readFully(_ buffer: UnsafeMutableRawPointer?, count: Int, at offset: UInt64) -> Bool {
        ZipBytes.readFully(file, buffer, count: count, at: offset)
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
}

/// The end of central directory record (or its ZIP64 form): where the central directory is, and how
/// many entries it announces.
private struct EndRecord {
    let entryCount: Int
    let directoryOffset: UInt64
    let directorySize: UInt64

    /// Reads the record from the last 64 KiB of the file, where the format puts it; `nil` when it is not there.
    init?(file: Int32, size: UInt64) {
        let tailSize = Int(min(size, 22 + 0xFFFF))
        guard tailSize >= 22 else { return nil }
        var tail = [UInt8](repeating: 0, count: tailSize)
        guard tail.withUnsafeMutableBytes({ ZipBytes.readFully(file, $0.baseAddress, count: tailSize, at: size - UInt64(tailSize)) })
        else { return nil }
        var i = tailSize - 22
        while i >= 0, ZipBytes.u32(tail, i) != 0x0605_4B50 { i -= 1 }
        guard i >= 0 else { return nil }
        var count = UInt64(ZipBytes.u16(tail, i + 10))
        var directorySize = UInt64(ZipBytes.u32(tail, i + 12))
        var directoryOffset = UInt64(ZipBytes.u32(tail, i + 16))
        // ZIP64: values too large for the record are 0xFFFF…; the locator just before the record gives
        // the offset of the ZIP64 end record, which holds them.
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF,
            i >= 20, ZipBytes.u32(tail, i - 20) == 0x0706_4B50
        {
            let recordOffset = ZipBytes.u64(tail, i - 20 + 8)
            var record = [UInt8](repeating: 0, count: 56)
            guard recordOffset <= size,
                record.withUnsafeMutableBytes({ ZipBytes.readFully(file, $0.baseAddress, count: 56, at: recordOffset) }),
                ZipBytes.u32(record, 0) == 0x0606_4B50
            else { return nil }
            count = ZipBytes.u64(record, 32)
            directorySize = ZipBytes.u64(record, 40)
            directoryOffset = ZipBytes.u64(record, 48)
        }
        entryCount = Int(clamping: count)
        self.directoryOffset = directoryOffset
        self.directorySize = directorySize
    }
}

/// The entries of a central directory, read in slices of 1 MiB: the registry's full download has
/// 600,000 of them, about 50 MB. Ends at the directory's end, or at the first entry that cannot be read
/// (a wrong signature, an entry running past the directory), which the caller counts as damage.
struct ZipCentralDirectory: Sequence, IteratorProtocol {
    private let file: Int32
    private var offset: UInt64
    private let end: UInt64
    private var window: [UInt8] = []
    private var windowStart: UInt64 = 0
    private var broken = false

    fileprivate init(file: Int32, offset: UInt64, end: UInt64) {
        self.file = file
        self.offset = offset
        self.end = end
    }

    mutating func next() -> ZipEntry? {
        guard !broken, offset < end else { return nil }
        guard let entry = readEntry() else {
            broken = true
            return nil
        }
        return entry
    }

    private mutating func readEntry() -> ZipEntry? {
        guard let fixed = load(46), ZipBytes.u32(window, fixed) == 0x0201_4B50 else { return nil }
        let nameLength = ZipBytes.u16(window, fixed + 28)
        let extraLength = ZipBytes.u16(window, fixed + 30)
        let length = 46 + nameLength + extraLength + ZipBytes.u16(window, fixed + 32)
        // Loading the whole entry may move the window.
        guard let h = load(length) else { return nil }
        let w = window
        var compressedSize = UInt64(ZipBytes.u32(w, h + 20))
        var uncompressedSize = UInt64(ZipBytes.u32(w, h + 24))
        var localHeaderOffset = UInt64(ZipBytes.u32(w, h + 42))
        // ZIP64 extended information (header 0x0001) holds, in this order, the values the entry marks 0xFFFFFFFF.
        var e = h + 46 + nameLength
        let extraEnd = e + extraLength
        while e + 4 <= extraEnd {
            let id = ZipBytes.u16(w, e)
            let size = ZipBytes.u16(w, e + 2)
            guard e + 4 + size <= extraEnd else { break }
            if id == 0x0001 {
                var field = e + 4
                func take(_ value: inout UInt64) {
                    guard value == 0xFFFF_FFFF, field + 8 <= e + 4 + size else { return }
                    value = ZipBytes.u64(w, field)
                    field += 8
                }
                take(&uncompressedSize)
                take(&compressedSize)
                take(&localHeaderOffset)
            }
            e += 4 + size
        }
        let flags = UInt16(ZipBytes.u16(w, h + 8))
        let path = Self.path(w[h + 46..<h + 46 + nameLength], utf8: flags & 0x800 != 0)
        offset += UInt64(length)
        return ZipEntry(
            path: path,
            kind: Self.kind(path: path, madeBy: ZipBytes.u16(w, h + 4), attributes: ZipBytes.u32(w, h + 38)),
            flags: flags, method: UInt16(ZipBytes.u16(w, h + 10)), crc32: ZipBytes.u32(w, h + 16),
            compressedSize: compressedSize, uncompressedSize: uncompressedSize, localHeaderOffset: localHeaderOffset)
    }

    /// Makes sure the window holds `count` bytes from `offset`, and returns where they start in it; `nil`
    /// when they run past the directory or cannot be read.
    private mutating func load(_ count: Int) -> Int? {
        guard UInt64(count) <= end - offset else { return nil }
        if offset >= windowStart, offset + UInt64(count) <= windowStart + UInt64(window.count) {
            return Int(offset - windowStart)
        }
        let size = Int(Swift.min(end - offset, UInt64(Swift.max(count, 1 << 20))))
        if window.count != size { window = [UInt8](repeating: 0, count: size) }
        let file = file, offset = offset
        guard window.withUnsafeMutableBytes({ ZipBytes.readFully(file, $0.baseAddress, count: size, at: offset) }) else {
            return nil
        }
        windowStart = offset
        return 0
    }

    /// A member's path: UTF-8 when the entry says so (bit 11), and otherwise code page 437, the format's
    /// original encoding (the same as ASCII for the bytes below 0x80).
    static func path(_ bytes: ArraySlice<UInt8>, utf8: Bool) -> String {
        if utf8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var path = String.UnicodeScalarView()
        for byte in bytes {
            path.append(byte < 0x80 ? Unicode.Scalar(byte) : codePage437High[Int(byte - 0x80)])
        }
        return String(path)
    }

    /// Code page 437's characters for the bytes 0x80 to 0xFF.
    static let codePage437High: [Unicode.Scalar] = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}"
            .unicodeScalars)

    /// Whether the entry is a file, a folder or a symbolic link: from the Unix mode where the archive was
    /// made on Unix or macOS, from the DOS folder attribute, and otherwise from a path ending in `/`.
    static func kind(path: String, madeBy: Int, attributes: UInt32) -> ZipEntry.Kind {
        let endsInSlash = path.utf8.last == UInt8(ascii: "/")
        switch madeBy >> 8 {
        case 3, 19:  // Unix, macOS
            switch attributes >> 16 & 0o170000 {
            case 0o100000: return .file
            case 0o040000: return .directory
            case 0o120000: return .symlink
            default: return endsInSlash ? .directory : .file
            }
        case 0:  // MS-DOS
            return endsInSlash || attributes & 0x10 != 0 ? .directory : .file
        default:
            return endsInSlash ? .directory : .file
        }
    }
}

/// Little-endian fields of zip records.
enum ZipBytes {
    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    /// Reads `count` bytes at `offset` into `buffer`; `false` when the file ends first or a read fails.
    static func readFully(_ file: Int32, _ buffer: UnsafeMutableRawPointer?, count: Int, at offset: UInt64) -> Bool {
        var done = 0
        while done < count {
            let n = pread(file, buffer! + done, count - done, off_t(offset) + off_t(done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
