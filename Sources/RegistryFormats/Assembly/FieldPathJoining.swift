import RegistryModel

extension FieldPath {
    /// `base[index].name`, or without the index or the name, spelled as `index(_:)` and `appending(_:)`
    /// spell them (`name` alone after an empty base): readers make one for every value of every record.
    init(joining base: FieldPath, index: Int?, _ name: StaticString?) {
        let text =
            base.rawValue.utf8.withContiguousStorageIfAvailable { FieldPath.join($0, index: index, name) }
            ?? {
                var copy = base.rawValue
                return copy.withUTF8 { FieldPath.join($0, index: index, name) }
            }()
        self.init(text)
    }

    /// The text of `init(joining:index:_:)`, after the base's bytes.
    private static func join(_ prefix: UnsafeBufferPointer<UInt8>, index: Int?, _ name: StaticString?) -> String {
        var digits = 0
        if let index {
            var rest = index
            repeat {
                digits += 1
                rest /= 10
            } while rest > 0
        }
        let indexLength = index == nil ? 0 : digits + 2
        let separator = name != nil && (!prefix.isEmpty || index != nil) ? 1 : 0
        let count = prefix.count + indexLength + separator + (name?.utf8CodeUnitCount ?? 0)
        // Spelled in a stack buffer and then copied by `String(decoding:as:)`, which checks the bytes with
        // its ASCII fast path: `String(unsafeUninitializedCapacity:)` would write in place but then checks
        // them byte by byte, which costs more than the copy.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
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
                end += indexLength
            }
            if let name {
                if separator == 1 {
                    buffer[end] = UInt8(ascii: ".")
                    end += 1
                }
                put(name.utf8Buffer)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
        }
    }
}
