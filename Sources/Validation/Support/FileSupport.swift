import RegistryModel
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading the small files ctlint is configured with: `.ctlint.yml` and protocol files.
enum SmallFile {
    /// The file's bytes, or `nil` with `errno` set when it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count > 0 { bytes += buffer[0..<count] }
            if count < buffer.count { return ferror(handle) == 0 ? bytes : nil }
        }
    }

    /// Why the last failed call left `errno` set, in words.
    static var lastError: String { String(cString: strerror(errno)) }
}

/// Where a YAML error is and what it says.
enum YAMLProblem {
    static func describe(_ error: YamlError) -> (mark: Mark?, problem: String) {
        switch error {
        case .scanner(_, let text, let at, _), .parser(_, let text, let at, _), .composer(_, let text, let at, _):
            return (at, text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }
}

extension SourcePosition {
    /// The position of a YAML mark; YAML files are not mapped to byte offsets.
    init(mark: Mark) {
        self.init(line: mark.line, column: mark.column, offset: -1)
    }
}
