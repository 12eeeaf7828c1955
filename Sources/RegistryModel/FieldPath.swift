/// The API v2 path of a field, such as `protocolSection.descriptionModule.briefSummary` or
/// `protocolSection.armsInterventionsModule.armGroups[0].description`.
///
/// Every value in the record model carries the v2 path of the field it belongs to, whatever format it
/// was read from, so that facts, diagnostics and database rows name fields in one vocabulary.
public struct FieldPath: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The dotted path, with zero-based indices in brackets.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The path of a named child: `protocolSection` + `descriptionModule`.
    public func appending(_ component: String) -> FieldPath {
        if rawValue.isEmpty { return FieldPath(component) }
        return FieldPath(FieldPath.join(rawValue, ".", component, ""))
    }

    /// The path of an array element: `armGroups` + 0 is `armGroups[0]`.
    public func index(_ index: Int) -> FieldPath {
        FieldPath(FieldPath.join(rawValue, "[", String(index), "]"))
    }

    /// Four strings joined in a stack buffer and made a `String` once: readers build a path for every value
    /// of every record, and `String` appends cost several times more.
    private static func join(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            var offset = copy(a, into: buffer, at: 0)
            offset = copy(b, into: buffer, at: offset)
            offset = copy(c, into: buffer, at: offset)
            offset = copy(d, into: buffer, at: offset)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<offset]), as: UTF8.self)
        }
    }

    /// Copies the UTF-8 of `text` into `buffer` at `offset`; returns the offset after it.
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            if let source = bytes.baseAddress, !bytes.isEmpty {
                (buffer.baseAddress! + offset).initialize(from: source, count: bytes.count)
            }
            return bytes.count
        }
        if let copied { return offset + copied }
        var end = offset
        for byte in text.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }

    /// The last component without its index: `description` for `…armGroups[0].description`.
    public var leafName: String {
        let last = rawValue.split(separator: ".").last.map(String.init) ?? rawValue
        if let bracket = last.firstIndex(of: "[") { return String(last[..<bracket]) }
        return last
    }

    /// The path with every array index removed, for grouping fields of one kind:
    /// `protocolSection.armsInterventionsModule.armGroups.description`.
    public var withoutIndices: String {
        var out = ""
        out.reserveCapacity(rawValue.utf8.count)
        var inIndex = false
        for ch in rawValue {
            if ch == "[" { inIndex = true } else if ch == "]" { inIndex = false } else if !inIndex { out.append(ch) }
        }
        return out
    }
}

extension FieldPath {
    public static let protocolSection: FieldPath = "protocolSection"
    public static let identificationModule = protocolSection.appending("identificationModule")
    public static let statusModule = protocolSection.appending("statusModule")
    public static let sponsorCollaboratorsModule = protocolSection.appending("sponsorCollaboratorsModule")
    public static let descriptionModule = protocolSection.appending("descriptionModule")
    public static let conditionsModule = protocolSection.appending("conditionsModule")
    public static let designModule = protocolSection.appending("designModule")
    public static let armsInterventionsModule = protocolSection.appending("armsInterventionsModule")
    public static let outcomesModule = protocolSection.appending("outcomesModule")
    public static let eligibilityModule = protocolSection.appending("eligibilityModule")
    public static let contactsLocationsModule = protocolSection.appending("contactsLocationsModule")

    public static let briefSummary = descriptionModule.appending("briefSummary")
    public static let detailedDescription = descriptionModule.appending("detailedDescription")
}
