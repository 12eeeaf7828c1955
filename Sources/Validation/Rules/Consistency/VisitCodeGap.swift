import Diagnostics
import ScheduleModel

/// Visit codes run without a gap.
public struct VisitCodeGap: Rule {
    public static let description = RuleDescription(
        id: "visit-code-gap",
        family: .consistency,
        defaultSeverity: .note,
        summary: "The visit codes the record gives its periods run without a gap (V3 is followed by V4, not V5).",
        rationale: """
            Visit codes number a study's visits in order. When the text names V1, V2, V3 and V5, either a \
            visit (V4) is not described, or a code is mistyped. The note is at the first code after the gap.
            """,
        source: "ctlint schedule consistency; facts contract, `period` labels",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "Screening period (V1): sign ICF. Treatment period (V2): infusions. Follow up period (↓V4): safety follow-up."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "Screening period (V1): sign ICF. Treatment period (V2): infusions. Follow up period (V3): safety follow-up."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The first statement of each code, by family (`V`, `Visit`).
        var codes: [String: [Int: (Fact, String)]] = [:]
        // By index: only the facts with a visit code are copied out.
        let facts = context.facts
        for k in facts.indices where facts[k].kind == .period {
            guard let label = facts[k].label, let (family, number) = Self.parse(label) else { continue }
            if codes[family]?[number] == nil { codes[family, default: [:]][number] = (facts[k], label) }
        }
        var findings: [Finding] = []
        for (_, numbered) in codes.sorted(by: { $0.key < $1.key }) {
            let numbers = numbered.keys.sorted()
            for (previous, next) in zip(numbers, numbers.dropFirst()) where next > previous + 1 {
                let (fact, label) = numbered[next]!
                let skipped = (previous + 1..<next).map { numbered[previous]!.1.replacingOccurrences(of: String(previous), with: String($0)) }
                findings.append(
                    Finding(
                        "the visit codes skip \(skipped.joined(separator: ", ")): \(numbered[previous]!.1) is followed by \(label)",
                        at: context.visitCodePlace(label, of: fact),
                        notes: [context.note("\(numbered[previous]!.1) is here", at: context.visitCodePlace(numbered[previous]!.1, of: numbered[previous]!.0))]))
            }
        }
        return findings
    }

    /// `V5` → (`v`, 5); `Visit 3` → (`visit`, 3).
    static func parse(_ label: String) -> (String, Int)? {
        let letters = label.prefix { $0.isLetter }
        let digits = label.dropFirst(letters.count).drop { $0 == " " }
        guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits) else { return nil }
        return (letters.lowercased(), number)
    }
}
