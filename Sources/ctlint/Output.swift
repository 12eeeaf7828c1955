#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Unbuffered writes to standard output and standard error, and whether each is a terminal.
struct FileHandleOutput {
    let descriptor: Int32

    static let standardOutput = FileHandleOutput(descriptor: 1)
    static let standardError = FileHandleOutput(descriptor: 2)

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    private func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    var isTerminal: Bool { isatty(descriptor) == 1 }
}

/// Output collected in memory and written in large blocks, so that a big output costs a system call per
/// 64 KiB rather than one per line.
struct BufferedOutput {
    let destination: FileHandleOutput
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init(_ destination: FileHandleOutput) {
        self.destination = destination
        buffer.reserveCapacity(BufferedOutput.blockSize)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= BufferedOutput.blockSize { flush() }
    }

    mutating func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= BufferedOutput.blockSize { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        destination.write(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A file written whole: created or truncated, then filled.
enum OutputFile {
    /// Why a file could not be written.
    struct Failure: Error {
        let reason: String
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        guard let handle = fopen(path, "wb") else { throw Failure(reason: String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
        let closed = fclose(handle)
        if written != bytes.count || closed != 0 { throw Failure(reason: String(cString: strerror(errno))) }
    }
}
