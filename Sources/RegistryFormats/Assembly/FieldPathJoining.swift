import RegistryModel

extension FieldPath {
    /// `base[index].name`, or without the index or the name, spelled as `index(_:)` and `appending(_:)`
    /// spell them (`name` alone after an empty base): readers make one for every value of every record.
    init(joining base: FieldPath, index: Int?, _ name: StaticString?) {
        // Spelled in a stack buffer and then copied by `String(decoding:as:)`, which checks the bytes with
        // its ASCII fast path: `String(unsafeUninitializedCapacity:)` would write in place but then checks
        // them byte by byte, which costs more than the copy.
        let text = FieldPath.withJoinedBytes(base, index: index, name) { String(decoding: $0, as: UTF8.self) }
        self.init(text)
    }

    /// Calls `body` with the UTF-8 of `FieldPath(joining: base, index: index, name)`, written in a
    /// temporary buffer instead of a new string: a store looks paths up by their parts, and most of the
    /// paths it is asked for need no string of their own.
    @inline(__always)
    static func withJoinedBytes<Result>(
        _ base: FieldPath, index: Int?, _ name: StaticString?, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        withBytes(of: base) { prefix in
            let spelling = Joining(prefix: prefix, index: index, name: name)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: spelling.count) { buffer in
                let end = spelling.write(into: buffer)
                return body(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<end]))
            }
        }
    }

    /// Calls `body` with the UTF-8 of `path`, in place when the string is stored contiguously.
    @inline(__always)
    static func withBytes<Result>(of path: FieldPath, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = path.rawValue.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = path.rawValue
        return copy.withUTF8(body)
    }

    /// The spelling of `prefix[index].name`, measured before it is written.
    private struct Joining {
        let prefix: UnsafeBufferPointer<UInt8>
        let index: Int?
        let name: StaticString?
        /// The number of decimal digits of `index`.
        let digits: Int
        /// 1 when a `.` goes between the prefix (or the index) and the name.
        let separator: Int
        /// The spelling's length in bytes.
        let count: Int

        @inline(__always)
        init(prefix: UnsafeBufferPointer<UInt8>, index: Int?, name: StaticString?) {
            self.prefix = prefix
            self.index = index
            self.name = name
            var digits = 0
            if let index {
                var rest = index
                repeat {
                    digits += 1
                    rest /= 10
                } while rest > 0
            }
            self.digits = digits
            let indexLength = index == nil ? 0 : digits + 2
            separator = name != nil && (!prefix.isEmpty || index != nil) ? 1 : 0
            count = prefix.count + indexLength + separator + (name?.utf8CodeUnitCount ?? 0)
        }

        /// Writes the spelling at the start of `buffer`, which holds at least `count` bytes; returns its end.
        func write(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var end = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                (buffer.baseAddress! + end).initialize(from: source, count: bytes.count)
                end += bytes.count
            }
            put(prefix)
            if let index {
                buffer[end] = UInt8(ascii: "[")
                var rest = index
                for k in stride(from: end + digits, to: end, by: -1) {
                    buffer[k] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                buffer[end + digits + 1] = UInt8(ascii: "]")
                end += digits + 2
            }
            if let name {
                if separator == 1 {
                    buffer[end] = UInt8(ascii: ".")
                    end += 1
                }
                put(name.utf8Buffer)
            }
            return end
        }
    }
}
