import RegistryModel

/// One item of a list written inside a single value, such as "Phase 2" in "Phase 1/Phase 2".
struct ValuePart: Equatable {
    /// The item without surrounding white space.
    let text: String
    /// The UTF-8 offset of the item's first byte in the value.
    let offset: Int

    /// The items of `value` between `separator`s, trimmed, without empty ones.
    static func split(_ value: Substring, separator: Unicode.Scalar, startingAt base: Int = 0) -> [ValuePart] {
        var parts: [ValuePart] = []
        var current = String.UnicodeScalarView()
        var currentOffset = base
        var offset = base
        func flush() {
            let leading = current.prefix { $0.properties.isWhitespace }.reduce(0) { $0 + UTF8.width($1) }
            let text = String(current).trimmingWhitespace()
            if !text.isEmpty { parts.append(ValuePart(text: text, offset: currentOffset + leading)) }
            current = String.UnicodeScalarView()
        }
        for scalar in value.unicodeScalars {
            if scalar == separator {
                flush()
                currentOffset = offset + UTF8.width(separator)
            } else {
                current.append(scalar)
            }
            offset += UTF8.width(scalar)
        }
        flush()
        return parts
    }

    /// The whole value, trimmed, or `nil` when it is only white space.
    static func whole(_ value: Substring, startingAt base: Int = 0) -> ValuePart? {
        let leading = value.unicodeScalars.prefix { $0.properties.isWhitespace }.reduce(0) { $0 + UTF8.width($1) }
        let text = String(value).trimmingWhitespace()
        return text.isEmpty ? nil : ValuePart(text: text, offset: base + leading)
    }
}

extension String {
    /// `true` for text that is empty or only white space; quick for the ASCII white space between
    /// XML elements.
    var isBlank: Bool {
        let asciiBlank = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { return false }
            }
            return true
        }
        // Bridged or non-ASCII text: Unicode decides what is white space.
        return (asciiBlank ?? nil) ?? trimmingWhitespace().isEmpty
    }

    /// The text without white space at either end; quick when there is none, as for most values.
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 }
        return isPlain(first) && isPlain(last) ? self : trimmingWhitespace()
    }
}
