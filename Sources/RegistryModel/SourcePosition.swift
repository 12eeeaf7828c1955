/// A position in a source file, as a compiler reports it (`line:column`).
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars from the start of the line, which is
/// what editors and terminals show for the text registry records hold. `offset` is the 0-based UTF-8
/// byte offset from the start of the file, for tools that seek.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

/// Where a value came from: its API v2 field path and the position in the source file where the
/// value itself starts (after the JSON quote, the XML start tag or the module-text key).
public struct Origin: Sendable, Hashable {
    public let path: FieldPath
    /// `nil` when the value has no place in a file, such as one derived from another field.
    public let position: SourcePosition?

    public init(path: FieldPath, position: SourcePosition?) {
        self.path = path
        self.position = position
    }
}

/// A value of the record together with where it came from.
public struct Field<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public let origin: Origin

    public init(_ value: Value, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    public init(_ value: Value, path: FieldPath, position: SourcePosition?) {
        self.value = value
        self.origin = Origin(path: path, position: position)
    }

    public var path: FieldPath { origin.path }
    public var position: SourcePosition? { origin.position }

    /// The same origin with another value, as when a reader decodes a code into an enum.
    public func map<T: Sendable & Hashable>(_ transform: (Value) throws -> T) rethrows -> Field<T> {
        Field<T>(try transform(value), origin: origin)
    }
}

/// A text value of the record: the string exactly as the record holds it after format decoding
/// (JSON escapes and XML entities decoded, nothing else changed).
public typealias TextField = Field<String>
