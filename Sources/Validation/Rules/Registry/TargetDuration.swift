import Diagnostics
import RegistryModel

/// A target follow-up duration is given by patient registries, as a number and a unit.
public struct TargetDuration: Rule {
    public static let description = RuleDescription(
        id: "target-duration",
        defaultSeverity: .warning,
        summary: "Target duration is given only for patient registries, as \"N Unit\" (\"2 Years\").",
        rationale: """
            The target follow-up duration belongs to patient registries, and the API writes it as a whole \
            number and a unit (`^\\d+ (Year|Years|Month|Months|Week|Weeks|Day|Days|Hour|Hours|Minute|Minutes)$`).
            """,
        source: "PRSXSD target_duration; OAS pattern; registry-facts R29",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL", "patientRegistry": true,
                  "targetDuration": "↓two years"}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL", "patientRegistry": false,
                  "targetDuration": "↓2 Years"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL", "patientRegistry": true,
                  "targetDuration": "2 Years"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let design = context.study.design
        guard let duration = design.targetDuration else { return [] }
        if AgeLimits.days(duration.value) == nil {
            return [Finding("the target duration `\(duration.value)` is not a whole number and a unit", at: context.place(of: duration))]
        }
        if design.patientRegistry?.value == false {
            return [Finding("a target duration is given, but the study is not a patient registry", at: context.place(of: duration))]
        }
        return []
    }
}
