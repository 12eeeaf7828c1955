#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written through a buffer with plain system calls; `-` is standard output.
final class OutputFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(SinkError) {
        self.path = path
        if path == "-" {
            descriptor = 1
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw SinkError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
            }
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor != 1 { close(descriptor) }
    }

    func write(_ text: String) throws(SinkError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws(SinkError) {
        var done = 0
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            while done < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if n < 0, errno == EINTR { continue }
                if n < 0 {
                    failure = errno
                    break
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 { throw SinkError(path: path, message: "cannot write: \(String(cString: strerror(failure)))") }
    }
}
