import Foundation
import RegistryModel
import ScheduleModel
import Yams

/// Reads and writes protocol files: a `StudyProtocol` as YAML or JSON (`Docs/protocol-file.md`).
///
/// Reading composes the YAML node tree (JSON is read as YAML's flow style), decodes the model from it with
/// `Codable`, and turns any problem into a `ProtocolFileError` at the line and column of the key or value
/// it is about.
public enum ProtocolFile {
    /// Reads the protocol file at `path`.
    public static func load(path: String) throws(ProtocolFileError) -> StudyProtocol {
        guard let bytes = SmallFile.read(path) else {
            throw ProtocolFileError(file: path, position: nil, message: "cannot read the protocol file: \(SmallFile.lastError)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProtocolFileError(file: path, position: nil, message: "the protocol file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Reads protocol file text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ProtocolFileError) -> StudyProtocol {
        // JSON allows tabs between tokens where YAML does not; in valid JSON a raw tab is never inside a
        // string, so turning tabs into spaces changes nothing else, columns included.
        let isJSON = text.first { !$0.isWhitespace }.map { $0 == "{" || $0 == "[" } ?? false
        let source = isJSON ? text.replacingOccurrences(of: "\t", with: " ") : text
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: source) else {
                throw ProtocolFileError(file: file, position: nil, message: "the protocol file is empty")
            }
            root = node
        } catch let error as ProtocolFileError {
            throw error
        } catch let error as YamlError {
            let (mark, problem) = YAMLProblem.describe(error)
            throw ProtocolFileError(
                file: file, position: mark.map(SourcePosition.init(mark:)),
                message: "the protocol file is not valid \(isJSON ? "JSON" : "YAML"): \(problem)")
        } catch {
            throw ProtocolFileError(file: file, position: nil, message: "cannot read the protocol file: \(error)")
        }
        guard root.mapping != nil else {
            throw ProtocolFileError(
                file: file, position: root.mark.map(SourcePosition.init(mark:)),
                message: "a protocol file is a mapping with the keys study, design, interventions, timepoints and periods")
        }
        do {
            return try YAMLDecoder().decode(StudyProtocol.self, from: root)
        } catch let error as ProtocolDecodingError {
            throw ProtocolFileError(file: file, root: root, path: error.path, atKey: error.isAboutKey, message: error.message)
        } catch let error as DecodingError {
            let (path, message) = describe(error, root: root)
            throw ProtocolFileError(file: file, root: root, path: path, atKey: false, message: message)
        } catch {
            throw ProtocolFileError(file: file, position: nil, message: "cannot read the protocol file: \(error)")
        }
    }

    /// Where a decoding error is, and what it means for someone writing the file.
    private static func describe(_ error: DecodingError, root: Node) -> ([ProtocolPathComponent], String) {
        switch error {
        case .typeMismatch(let type, let context):
            let path = ProtocolPathComponent.components(of: context.codingPath)
            let found = ProtocolFileError.node(at: path, in: root).node.map(describe) ?? "nothing"
            return (path, "`\(name(of: path))` must be \(expected(type)), not \(found)")
        case .valueNotFound(let type, let context):
            let path = ProtocolPathComponent.components(of: context.codingPath)
            return (path, "`\(name(of: path))` needs \(expected(type))")
        case .keyNotFound(let key, let context):
            let path = ProtocolPathComponent.components(of: context.codingPath)
            return (path, "missing key `\(key.stringValue)`")
        case .dataCorrupted(let context):
            return (ProtocolPathComponent.components(of: context.codingPath), context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func name(of path: [ProtocolPathComponent]) -> String {
        path.isEmpty ? "the protocol" : ProtocolPathComponent.describe(path)
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is String.Type: "text"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).contains("Mapping") || String(describing: type).contains("Dictionary")
                ? "a mapping of keys to values" : (String(describing: type).contains("Sequence") || String(describing: type).hasPrefix("Array")
                    ? "a list" : "a \(String(describing: type))")
        }
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// A protocol file that cannot be used, with where (`file:line:column: error: message`).
public struct ProtocolFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition?
    public let message: String

    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// An error about the key or value at `path` of the file whose root node is `root`.
    init(file: String, root: Node, path: [ProtocolPathComponent], atKey: Bool, message: String) {
        let found = ProtocolFileError.node(at: path, in: root)
        let mark = (atKey ? found.key?.mark : nil) ?? found.node?.mark ?? found.key?.mark
        self.init(file: file, position: mark.map(SourcePosition.init(mark:)), message: message)
    }

    /// The node at `path`, and the key that names it; as deep as the path goes when it ends early.
    static func node(at path: [ProtocolPathComponent], in root: Node) -> (node: Node?, key: Node?) {
        var node = root
        var key: Node?
        for component in path {
            switch component {
            case .key(let name):
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.string == name }) else { return (node, key) }
                key = pair.key
                node = pair.value
            case .index(let index):
                guard let sequence = node.sequence, index < sequence.count else { return (node, key) }
                key = nil
                node = sequence[index]
            }
        }
        return (node, key)
    }

    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): error: \(message)"
    }
}
