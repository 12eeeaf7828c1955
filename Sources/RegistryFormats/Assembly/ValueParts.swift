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
