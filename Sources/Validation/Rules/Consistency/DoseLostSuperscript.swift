import Diagnostics
import RegistryModel
import ScheduleModel

/// A dose read through a lost superscript needs confirming.
public struct DoseLostSuperscript: Rule {
    public static let description = RuleDescription(
        id: "dose-lost-superscript",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "A dose written `1 × 108/kg` lost the superscript of 10⁸ and needs confirming.",
        rationale: """
            Registry exports drop superscripts, so `1 × 10⁸/kg` arrives as `1 × 108/kg`: a hundred times \
            larger than 10^8 read as an ordinary number, and a million times smaller than it should be read. \
            ctlint reads such a dose as a power of ten, but a reader, or another program, may not. Writing the \
            power with a caret (`10^8`) keeps its meaning in every format.
            """,
        source: "facts contract, known traps (lost superscripts); ctlint extraction rule dose.scientific-notation",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive a dose of ↓1 × 108/kg mesenchymal stem cells per time."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive a dose of 1 × 10^8/kg mesenchymal stem cells per time."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // By index, in a loop: a fact is copied out only when it carries the note, which few do, and a finding
        // made only for those (an optional finding per fact, made and destroyed, cost more than the search).
        let facts = context.facts
        var findings: [Finding] = []
        for k in facts.indices where facts[k].kind == .dose {
            guard let note = facts[k].notes.first(where: { $0.hasPrefix(Self.notePrefix) }) else { continue }
            findings.append(finding(for: facts[k], note: note, context))
        }
        return findings
    }

    /// The finding on dose `fact`, read through the lost superscript `note` tells of.
    private func finding(for fact: Fact, note: String, _ context: RuleContext) -> Finding {
        let place = context.place(of: fact)
        guard let (digits, power) = Self.reading(note), let offset = Self.offset(of: digits, in: fact.text) else {
            return Finding(
                "the dose «\(fact.text)» was read as \(fact.normalized) through a lost superscript; confirm it",
                at: place, fix: FixIt("write the power of ten with a caret, as in 10^8"))
        }
        let start = fact.utf8Range.lowerBound + offset
        let digitsPlace = context.place(of: fact, bytes: start..<(start + digits.utf8.count))
        let replacement = zip(digitsPlace.start, digitsPlace.end).map { FixIt.Replacement(start: $0, end: $1, text: power) }
        return Finding(
            "the dose «\(fact.text)» reads as \(fact.normalized) only if «\(digits)» is \(power) with its superscript lost; confirm the dose",
            at: place, fix: FixIt("write the power of ten as \(power)", replacement: replacement))
    }

    /// The extractor's note on a dose read through a lost superscript: `lost-superscript: read '108' as 10^8`.
    static let notePrefix = "lost-superscript:"

    /// The digits as written and the power they were read as: `("108", "10^8")`.
    static func reading(_ note: String) -> (String, String)? {
        let parts = note.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count == 3, let power = parts[2].split(separator: " ").last, power.hasPrefix("10^") else { return nil }
        return (String(parts[1]), String(power))
    }

    /// The UTF-8 offset of `digits` in `text` as a number of its own (not inside a longer one).
    static func offset(of digits: String, in text: String) -> Int? {
        let bytes = Array(text.utf8), needle = Array(digits.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            if !isDigit(start - 1), !isDigit(start + needle.count) { return start }
        }
        return nil
    }
}

private func zip(_ a: SourcePosition?, _ b: SourcePosition?) -> (SourcePosition, SourcePosition)? {
    guard let a, let b else { return nil }
    return (a, b)
}
