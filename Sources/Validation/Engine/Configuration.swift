import Diagnostics
import RegistryModel
import ScheduleModel
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which rules run and how serious their findings are: the policy the engine applies in one place.
///
/// Read from `.ctlint.yml` (found upward from the working directory) or from a file named with
/// `--config`:
///
/// ```yaml
/// # .ctlint.yml
/// fail-on: warning            # optional: error (the default), warning or note
/// rules:
///   brief-summary-too-long: off       # the rule does not run
///   stale-status: note                # the rule runs; its findings are notes
///   contacts-missing: on              # the rule runs at its default severity
/// ```
///
/// A rule id the catalogue does not know, an unknown key, or a value other than `off`, `on`, `error`,
/// `warning` or `note` is an error that names the file, line and column.
public struct Configuration: Sendable, Hashable {
    /// What the configuration says of one rule.
    public enum Setting: Sendable, Hashable {
        case off
        case on
        case severity(Severity)
    }

    /// The name of the file looked for upward from the working directory.
    public static let fileName = ".ctlint.yml"

    public var settings: [String: Setting]
    /// The least severity that fails a check, when the file sets it.
    public var failOn: Severity?
    /// The file the configuration was read from.
    public var file: String?

    public init(settings: [String: Setting] = [:], failOn: Severity? = nil, file: String? = nil) {
        self.settings = settings
        self.failOn = failOn
        self.file = file
    }

    /// The severity findings of `rule` get, or `nil` when the rule is turned off.
    public func severity(for rule: RuleDescription) -> Severity? {
        switch settings[rule.id] {
        case .off: nil
        case .on, nil: rule.defaultSeverity
        case .severity(let severity): severity
        }
    }

    /// The nearest `.ctlint.yml` in `directory` or one of its parents.
    public static func find(from directory: String) -> String? {
        var current = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        while true {
            let candidate = (current == "/" ? "" : current) + "/" + fileName
            if access(candidate, F_OK) == 0 { return candidate }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    /// Reads the configuration file at `path`, checking rule ids against `knownRules`.
    public static func load(path: String, knownRules: [RuleDescription]) throws(ConfigurationError) -> Configuration {
        guard let bytes = SmallFile.read(path) else {
            throw ConfigurationError(file: path, position: nil, message: "cannot read the configuration file: \(String(cString: strerror(errno)))")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path, knownRules: knownRules)
    }

    /// Reads configuration text; `file` names it in errors.
    public static func parse(_ text: String, file: String, knownRules: [RuleDescription]) throws(ConfigurationError) -> Configuration {
        func fail(_ message: String, _ mark: Mark?) -> ConfigurationError {
            ConfigurationError(file: file, position: mark.map(SourcePosition.init(mark:)), message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, yamlError: error)
        } catch {
            throw fail("cannot read the configuration: \(error)", nil)
        }
        var configuration = Configuration(file: file)
        guard let root else { return configuration }
        guard let mapping = root.mapping else {
            throw fail("the configuration must be a mapping with the keys `rules` and `fail-on`", root.mark)
        }
        let known = Dictionary(knownRules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string {
            case "fail-on":
                guard let word = value.scalar?.string, let severity = Severity(rawValue: word) else {
                    throw fail("`fail-on` must be error, warning or note", value.mark)
                }
                configuration.failOn = severity
            case "rules":
                if value.null != nil { continue }
                guard let rules = value.mapping else {
                    throw fail("`rules` must map rule ids to off, on, error, warning or note", value.mark)
                }
                for (idNode, settingNode) in rules {
                    guard let id = idNode.scalar?.string else { throw fail("a rule id must be a plain word", idNode.mark) }
                    guard known[id] != nil else {
                        let hint = closest(to: id, among: known.keys).map { "; did you mean `\($0)`?" } ?? "; `ctlint rules` lists them"
                        throw fail("unknown rule `\(id)`\(hint)", idNode.mark)
                    }
                    guard let word = settingNode.scalar?.string, let setting = Setting(word) else {
                        throw fail("the setting of `\(id)` must be off, on, error, warning or note", settingNode.mark)
                    }
                    configuration.settings[id] = setting
                }
            default:
                throw fail("unknown key `\(keyNode.scalar?.string ?? "?")`; the configuration knows `rules` and `fail-on`", keyNode.mark)
            }
        }
        return configuration
    }

    /// The known id nearest to a misspelt one, if any is close.
    public static func closest(to id: String, among ids: some Sequence<String>) -> String? {
        Spelling.nearest(to: id, among: ids)
    }
}

extension Configuration.Setting {
    init?(_ word: String) {
        switch word.lowercased() {
        case "off", "false", "no": self = .off
        case "on", "true", "yes": self = .on
        default:
            guard let severity = Severity(rawValue: word.lowercased()) else { return nil }
            self = .severity(severity)
        }
    }
}

/// A configuration file that cannot be used, with where (`file:line:column: error: message`).
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition?
    public let message: String

    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    init(file: String, yamlError: YamlError) {
        let (mark, problem) = YAMLProblem.describe(yamlError)
        self.init(
            file: file, position: mark.map(SourcePosition.init(mark:)), message: "the configuration is not valid YAML: \(problem)")
    }

    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): error: \(message)"
    }
}
