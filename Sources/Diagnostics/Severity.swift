/// How serious a finding is, in the registry's own levels: a PRS ERROR blocks release of a record,
/// a WARNING or a NOTE does not.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case note
    case warning
    case error

    public var description: String { rawValue }

    /// Orders by seriousness: `note < warning < error`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}
