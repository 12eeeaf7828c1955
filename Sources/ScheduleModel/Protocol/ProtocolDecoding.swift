/// A protocol file value that is well-formed but cannot be used: an unknown key, a word outside its
/// vocabulary, a schedule that contradicts its own count. `path` says where it is, so that a loader that
/// knows the file's positions can name the line and column.
public struct ProtocolDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The keys and list indices from the file's root to the value.
    public let path: [ProtocolPathComponent]
    /// `true` when the problem is the last key itself (an unknown key) rather than its value.
    public let isAboutKey: Bool
    public let message: String

    public init(path: [ProtocolPathComponent], isAboutKey: Bool = false, message: String) {
        self.path = path
        self.isAboutKey = isAboutKey
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(ProtocolPathComponent.describe(path)): \(message)"
    }
}

/// One step of a path into a protocol file.
public enum ProtocolPathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    /// The components of a `Codable` coding path: keys with an integer value are list indices.
    public static func components(of codingPath: [any CodingKey]) -> [ProtocolPathComponent] {
        codingPath.map { key in key.intValue.map(ProtocolPathComponent.index) ?? .key(key.stringValue) }
    }

    /// `interventions[0].schedule[2].window`.
    public static func describe(_ path: [ProtocolPathComponent]) -> String {
        var out = ""
        for component in path {
            switch component {
            case .key(let key): out += (out.isEmpty ? "" : ".") + key
            case .index(let index): out += "[\(index)]"
            }
        }
        return out
    }

    public var description: String { ProtocolPathComponent.describe([self]) }
}

/// Any key of a mapping, so that a decoder can reject keys it does not know.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// Throws for the first key not in `known`, suggesting the nearest known key.
    func rejectUnknownKeys(_ known: [String], in what: String) throws {
        for key in allKeys where !known.contains(key.stringValue) {
            throw ProtocolDecodingError(
                path: ProtocolPathComponent.components(of: codingPath + [key]), isAboutKey: true,
                message: "unknown key '\(key.stringValue)' in \(what)\(Spelling.hint(for: key.stringValue, among: known))")
        }
    }

    /// An error about the value at `key`.
    func failure(_ key: String, _ message: String) -> ProtocolDecodingError {
        ProtocolDecodingError(path: ProtocolPathComponent.components(of: codingPath + [AnyKey(key)]), message: message)
    }

    /// An error about the mapping itself.
    func failure(_ message: String) -> ProtocolDecodingError {
        ProtocolDecodingError(path: ProtocolPathComponent.components(of: codingPath), message: message)
    }

    /// A word of a closed vocabulary, with a suggestion when it is misspelt.
    func decodeWord<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: String, naming what: String) throws -> T
    where T.RawValue == String {
        let word = try decode(String.self, forKey: AnyKey(key))
        guard let value = T(rawValue: word) else {
            throw failure(key, "unknown \(what) '\(word)'\(Spelling.hint(for: word, among: T.allCases.map(\.rawValue)))")
        }
        return value
    }

    /// One value or a list of values: `route: oral` and `route: [oral, intravenous]` both read as a list.
    func decodeOneOrMany<T: Decodable>(_ type: T.Type, _ key: String) throws -> [T] {
        try decodeOneOrMany(key) { container in try container.decode(T.self) } single: { try decode(T.self, forKey: AnyKey(key)) }
    }

    /// Words of a closed vocabulary, one or a list.
    func decodeWords<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: String, naming what: String) throws -> [T]
    where T.RawValue == String {
        func word(_ text: String, at path: [any CodingKey]) throws -> T {
            guard let value = T(rawValue: text) else {
                throw ProtocolDecodingError(
                    path: ProtocolPathComponent.components(of: path),
                    message: "unknown \(what) '\(text)'\(Spelling.hint(for: text, among: T.allCases.map(\.rawValue)))")
            }
            return value
        }
        return try decodeOneOrMany(key) { container in
            let path = container.codingPath + [AnyIndex(container.currentIndex)]
            return try word(try container.decode(String.self), at: path)
        } single: {
            try word(try decode(String.self, forKey: AnyKey(key)), at: codingPath + [AnyKey(key)])
        }
    }

    private func decodeOneOrMany<T>(
        _ key: String, element: (inout any UnkeyedDecodingContainer) throws -> T, single: () throws -> T
    ) throws -> [T] {
        guard contains(AnyKey(key)) else { return [] }
        guard var list = try? nestedUnkeyedContainer(forKey: AnyKey(key)) else { return [try single()] }
        var values: [T] = []
        while !list.isAtEnd { values.append(try element(&list)) }
        return values
    }
}

/// A list index in a coding path.
struct AnyIndex: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// Encodes a list as one value when it has one element, so that files read `route: oral`.
extension KeyedEncodingContainer {
    mutating func encodeOneOrMany<T: Encodable>(_ values: [T], forKey key: Key) throws {
        switch values.count {
        case 0: break
        case 1: try encode(values[0], forKey: key)
        default: try encode(values, forKey: key)
        }
    }
}
