#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A forward-only buffered reader of bytes from a file descriptor or from memory.
///
/// Readers look ahead with `ensure(_:)`, take bytes with `consume(_:)`, and never hold more than the
/// record they are reading plus one chunk, so that a file of any size is read in bounded memory.
/// Not thread-safe: one stream belongs to one reader.
public final class ByteStream {
    /// The name used in errors: the path as the user gave it, or `-` for standard input.
    public let name: String
    private let descriptor: Int32?
    private let ownsDescriptor: Bool
    private var storage: [UInt8]
    private var readBuffer: [UInt8] = []
    private var head = 0
    private var sourceEnded: Bool
    /// Bytes consumed before `head`, counted from the start of the stream.
    public private(set) var offset = 0

    public static let chunkSize = 1 << 16

    /// A stream over bytes already in memory.
    public init(bytes: [UInt8], name: String) {
        self.name = name
        self.descriptor = nil
        self.ownsDescriptor = false
        self.storage = bytes
        self.sourceEnded = true
    }

    /// Opens the file at `path`; `-` is standard input.
    public init(path: String) throws(ReadError) {
        self.name = path
        self.storage = []
        self.sourceEnded = false
        if path == "-" {
            self.descriptor = 0
            self.ownsDescriptor = false
            self.readBuffer = [UInt8](repeating: 0, count: ByteStream.chunkSize)
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ReadError(.io, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ReadError(.io, file: path, message: "is a directory")
        }
        self.descriptor = fd
        self.ownsDescriptor = true
        self.readBuffer = [UInt8](repeating: 0, count: ByteStream.chunkSize)
    }

    deinit {
        if ownsDescriptor, let descriptor { close(descriptor) }
    }

    /// The buffered bytes not yet consumed.
    public var available: ArraySlice<UInt8> { storage[head...] }

    /// `true` when every byte has been consumed and the source has no more.
    public var isAtEnd: Bool { head == storage.count && sourceEnded }

    /// Reads until at least `count` bytes are buffered or the source ends; `true` if `count` are there.
    @discardableResult
    public func ensure(_ count: Int) throws(ReadError) -> Bool {
        while storage.count - head < count {
            if try !fillMore() { return false }
        }
        return true
    }

    /// Reads one more chunk from the source; `false` when the source has ended.
    @discardableResult
    public func fillMore() throws(ReadError) -> Bool {
        guard !sourceEnded, let descriptor else { return false }
        if head > 0, head >= storage.count / 2 {
            storage.removeFirst(head)
            head = 0
        }
        var readCount = 0
        var failure: Int32 = 0
        // Read into a fixed buffer and append: `append` grows the storage geometrically, so a record of
        // n bytes costs O(n) copying however many chunks it spans.
        readBuffer.withUnsafeMutableBufferPointer { buffer in
            while true {
                let n = read(descriptor, buffer.baseAddress!, buffer.count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno } else { readCount = n }
                break
            }
        }
        if readCount > 0 { readBuffer.withUnsafeBufferPointer { storage.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<readCount])) } }
        if failure != 0 {
            throw ReadError(.io, file: name, message: "read failed: \(String(cString: strerror(failure)))")
        }
        if readCount == 0 {
            sourceEnded = true
            return false
        }
        return true
    }

    /// Drops `count` buffered bytes.
    public func consume(_ count: Int) {
        precondition(count <= storage.count - head, "consume past the buffered bytes")
        head += count
        offset += count
    }

    /// Takes `count` buffered bytes.
    public func take(_ count: Int) -> [UInt8] {
        let bytes = Array(storage[head..<(head + count)])
        consume(count)
        return bytes
    }

    /// Reads and takes everything left, failing once more than `limit` bytes remain.
    public func takeAll(limit: Int) throws(ReadError) -> [UInt8] {
        while try fillMore() {
            if storage.count - head > limit { break }
        }
        guard storage.count - head <= limit else {
            throw ReadError(.tooLarge, file: name, message: "record is larger than the \(limit >> 20) MiB limit")
        }
        return take(storage.count - head)
    }
}
