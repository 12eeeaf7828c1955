/// One unit of input a worker reads: a file, or a member of a zip archive. It holds one record (a
/// study's JSON or XML file) or several (JSON lines, an API page, a JSON array).
public struct InputItem: Sendable {
    public enum Location: Sendable {
        /// A file on disk.
        case file
        /// A member of the zip archive at `source`.
        case member(ZipMember)
    }

    /// The file or the archive, as the user named it or as found under a folder the user named.
    public let source: String
    public let location: Location
    /// The size in bytes: the file's, or the member's uncompressed size.
    public let size: Int
    /// The 0-based position of the item in the order inputs are enumerated.
    public let ordinal: Int

    public init(source: String, location: Location, size: Int, ordinal: Int) {
        self.source = source
        self.location = location
        self.size = size
        self.ordinal = ordinal
    }

    /// The member's path inside its archive, or `nil` for a file.
    public var member: String? {
        if case .member(let member) = location { return member.path }
        return nil
    }

    /// The name used in messages and in the records' `source.path`: `archive.zip!/member` for a member.
    public var displayName: String {
        member.map { source + "!/" + $0 } ?? source
    }
}

/// A member of a zip archive, as the central directory describes it.
public struct ZipMember: Sendable {
    /// The central directory entry, which each worker reads through its own `ZipArchiveReader`.
    let entry: ZipEntry

    /// The member's path inside the archive.
    public var path: String { entry.path }
}
