import Foundation

/// What walking the inputs finds: an item to read, or an input that cannot be read at all.
public enum InputEvent: Sendable {
    case item(InputItem)
    case failure(ScanFailure)
}

/// Walks the inputs the user named, lazily: files, folders (recursively, in name order), and zip
/// archives (in central directory order), handing each item over as it is found.
///
/// Only one folder listing and one archive's central directory reader are held at a time, so
/// walking 600,000 files does not hold 600,000 items; the caller's `emit` blocks when the workers
/// are behind, which is what bounds the queue between them.
public struct InputEnumerator: Sendable {
    /// File name extensions of records inside folders and archives; a file named on the command line
    /// is read whatever its name.
    public static let recordExtensions: Set<String> = ["json", "jsonl", "ndjson", "xml", "txt"]

    public let inputs: [String]

    public init(inputs: [String]) {
        self.inputs = inputs
    }

    /// Walks every input, calling `emit` for each item or failure, until done or `shouldStop` says so;
    /// `true` when every input was walked.
    @discardableResult
    public func walk(shouldStop: () -> Bool, emit: (InputEvent) -> Void) -> Bool {
        var ordinal = 0

        func emitItem(source: String, location: InputItem.Location, size: Int) {
            emit(.item(InputItem(source: source, location: location, size: size, ordinal: ordinal)))
            ordinal += 1
        }

        func visit(_ path: String, named: Bool) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = String(cString: strerror(errno))
                emit(.failure(ScanFailure(source: path, kind: .io, message: "cannot open: \(reason)")))
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                visitFolder(path)
            case S_IFREG:
                if ZipArchiveReader.isZip(path: path) {
                    visitArchive(path)
                } else if named || InputEnumerator.isRecordFile(path) {
                    emitItem(source: path, location: .file, size: Int(info.st_size))
                }
            default:
                if named {
                    emit(.failure(ScanFailure(source: path, kind: .io, message: "not a file, folder or zip archive")))
                }
            }
        }

        func visitFolder(_ path: String) {
            guard let directory = opendir(path) else {
                let reason = String(cString: strerror(errno))
                emit(.failure(ScanFailure(source: path, kind: .io, message: "cannot list the folder: \(reason)")))
                return
            }
            defer { closedir(directory) }
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(directory) {
                // Hidden files and folders (.git, .DS_Store) are never records.
                if entry.pointee.d_name.0 == CChar(UInt8(ascii: ".")) { continue }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                entries.append((name, entry.pointee.d_type))
            }
            entries.sort { $0.name < $1.name }
            let folder = dirfd(directory)
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for (name, type) in entries {
                if shouldStop() { return }
                // The entry's type, where the file system gives it, spares a `stat` of every folder and
                // of every file that is not read.
                if Int(type) == DT_DIR {
                    visitFolder(prefix + name)
                    continue
                }
                let isArchive = InputEnumerator.isArchiveName(name)
                if Int(type) == DT_REG, !isArchive, !InputEnumerator.isRecordFile(name) { continue }
                var info = stat()
                // A link to a folder is not followed, so that a loop of links cannot make the walk endless.
                guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
                    guard fstatat(folder, name, &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    visitFolder(prefix + name)
                case S_IFREG:
                    if isArchive {
                        visitArchive(prefix + name)
                    } else if InputEnumerator.isRecordFile(name) {
                        emitItem(source: prefix + name, location: .file, size: Int(info.st_size))
                    }
                default:
                    continue
                }
            }
        }

        func visitArchive(_ path: String) {
            let reader: ZipArchiveReader
            do {
                reader = try ZipArchiveReader(path: path)
            } catch {
                emit(.failure(error.failure))
                return
            }
            var seen = 0
            for entry in reader.entries() {
                if shouldStop() { return }
                seen += 1
                guard entry.kind == .file, InputEnumerator.isRecordMember(entry.path) else { continue }
                let member = ZipMember(entry: entry)
                emitItem(source: path, location: .member(member), size: Int(clamping: entry.uncompressedSize))
            }
            if seen < reader.entryCount {
                emit(.failure(ScanFailure(
                    source: path, kind: .corruptArchive,
                    message: "the central directory lists \(reader.entryCount) members, but member \(seen + 1) and those after it cannot be read: the archive is damaged; download it again")))
            }
        }

        for input in inputs {
            if shouldStop() { return false }
            visit(input, named: true)
        }
        return !shouldStop()
    }

    static func isRecordFile(_ path: String) -> Bool {
        asciiIsRecordFile(path) ?? unicodeIsRecordFile(path)
    }

    /// `isRecordFile` by characters: the extension after the last `.`, in lower case.
    static func unicodeIsRecordFile(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return recordExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// A name ending `.zip` in any case.
    static func isArchiveName(_ name: String) -> Bool {
        let bytes = name.utf8
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return bytes.count >= 4 && zip(bytes.suffix(4), ".zip".utf8).allSatisfy { asciiLowercase($0) == $1 }
        }
        return unicodeIsArchiveName(name)
    }

    /// `isArchiveName` by characters.
    static func unicodeIsArchiveName(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".zip")
    }

    /// `isRecordFile` for an ASCII path, read byte by byte without making strings; `nil` for any other
    /// path, whose characters and lower case follow Unicode's rules.
    private static func asciiIsRecordFile(_ path: String) -> Bool? {
        let bytes = path.utf8
        if bytes.contains(where: { $0 >= 0x80 }) { return nil }
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let suffix = bytes[bytes.index(after: dot)...]
        if suffix.contains(UInt8(ascii: "/")) { return false }
        return recordExtensionBytes.contains { name in
            name.count == suffix.count && zip(suffix, name).allSatisfy { asciiLowercase($0) == $1 }
        }
    }

    private static let recordExtensionBytes: [[UInt8]] = recordExtensions.map { Array($0.utf8) }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Members that hold records: by extension, skipping the resource forks macOS adds to archives.
    static func isRecordMember(_ path: String) -> Bool {
        if path.hasPrefix("__MACOSX/") { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return !name.hasPrefix(".") && isRecordFile(name)
    }
}
