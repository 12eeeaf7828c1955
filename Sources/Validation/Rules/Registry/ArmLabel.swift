import Diagnostics
import RegistryModel

/// Every arm has a label, unique in the study and at most 100 characters.
public struct ArmLabel: Rule {
    public static let description = RuleDescription(
        id: "arm-label",
        defaultSeverity: .error,
        summary: "Each arm has a label of at most 100 characters, unique in the study.",
        rationale: """
            The Arm Label is required and is how interventions refer to arms; two arms with one label make \
            those references ambiguous. PRS limits it to 100 characters. A missing label is reported on \
            complete records only.
            """,
        source: "DED (Arm Label *, limit 100); registry-facts R25",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [
                  {"label": "Aspirin", "type": "EXPERIMENTAL"}, {"label": "↓Aspirin", "type": "PLACEBO_COMPARATOR"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [
                  {"type": "↓EXPERIMENTAL", "description": "Aspirin 100 mg"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.armGroups[0].label"),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [
                  {"label": "\#(String(repeating: "Aspirin 10", count: 10))↓0 mg", "type": "EXPERIMENTAL"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"armGroups": [
                  {"label": "Aspirin", "type": "EXPERIMENTAL"}, {"label": "Placebo", "type": "PLACEBO_COMPARATOR"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // By index, the label read in place: a whole arm copied out retains each of its values. A label can be
        // used twice only among two arms or more, so one arm needs no labels resolved.
        let arms = context.study.armsInterventions.armGroups
        let firstArmWithLabel = arms.count > 1 ? context.armReferences.firstArmWithLabel : []
        for i in arms.indices {
            guard let label = arms[i].label, !label.value.isBlank else {
                guard context.isComplete else { continue }
                let arm = arms[i]
                let start = [arm.type?.position, arm.description?.position, arm.interventionNames.first?.position].compactMap { $0 }.min()
                findings.append(Finding("arm \(i + 1) has no label", at: Place(path: FieldPath.armsInterventionsModule.appending("armGroups").index(i).appending("label"), start: start)))
                continue
            }
            if let finding = context.lengthFinding(label, limit: 100, name: "the arm label") { findings.append(finding) }
            // A blank label trims to nothing, and every other label to something: the first arm with this label
            // is one with a label that is not blank.
            guard arms.count > 1, let first = firstArmWithLabel[i], first != i, let firstLabel = arms[first].label else { continue }
            findings.append(
                Finding(
                    "the arm label `\(label.value.trimmingWhitespace())` is used twice", at: context.place(of: label),
                    notes: [context.note("first used here", at: firstLabel)]))
        }
        return findings
    }
}
