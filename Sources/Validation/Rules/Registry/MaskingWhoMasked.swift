import Diagnostics
import RegistryModel

/// The masking level matches the number of parties masked.
public struct MaskingWhoMasked: Rule {
    public static let description = RuleDescription(
        id: "masking-who-masked",
        defaultSeverity: .error,
        summary: "NONE masks nobody; SINGLE, DOUBLE, TRIPLE and QUADRUPLE mask 1, 2, 3 and 4 parties.",
        rationale: """
            The masking level is the number of parties kept unaware of the assignment (participant, care \
            provider, investigator, outcomes assessor): an open-label study masks none, a double-blind study \
            two. When the record lists who is masked, the list and the level must agree. Records that give \
            a level without the list (common before 2017) are not faulted.
            """,
        source: "OAS MaskingInfo; PRSXSD (no_masking ⇒ every masked_* = no); registry-facts R23",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "maskingInfo": {"masking": "↓DOUBLE", "whoMasked": ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR"]}}}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "maskingInfo": {"masking": "↓NONE", "whoMasked": ["OUTCOMES_ASSESSOR"]}}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "maskingInfo": {"masking": "TRIPLE", "whoMasked": ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR"]}}}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "maskingInfo": {"masking": "DOUBLE"}}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The design is read in place: a copy of it retains each of its values.
        guard let masking = context.study.design.masking, let level = masking.value.code else { return [] }
        let whoMasked = context.study.design.whoMasked
        let who = Set(whoMasked.compactMap { $0.value.code })
        let expected: Int =
            switch level {
            case .none: 0
            case .single: 1
            case .double: 2
            case .triple: 3
            case .quadruple: 4
            }
        guard !who.isEmpty, who.count != expected else { return [] }
        let names = whoMasked.compactMap { $0.value.code?.rawValue }.joined(separator: ", ")
        return [
            Finding(
                "the masking is \(level.rawValue), which masks \(expected) part\(expected == 1 ? "y" : "ies"), but \(who.count) \(who.count == 1 ? "is" : "are") listed (\(names))",
                at: context.place(of: masking), notes: whoMasked.map { context.note("masked", at: $0) })
        ]
    }
}
