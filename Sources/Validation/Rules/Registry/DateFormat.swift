import Diagnostics
import RegistryModel

/// Every date is a partial date in the form of the record's format.
public struct DateFormat: Rule {
    public static let description = RuleDescription(
        id: "date-format",
        defaultSeverity: .error,
        summary: "Start, completion, submission and posting dates are partial dates in the format's own form.",
        rationale: """
            API v2 writes dates as ISO partial dates (`yyyy`, `yyyy-MM`, `yyyy-MM-dd`); legacy XML and the \
            classic JSON write "Month yyyy" or "Month d, yyyy". A date in neither form, or not a real \
            calendar day, cannot be compared with other dates, and PRS refuses it.
            """,
        source: "OAS PartialDate; XSD variable_date_type; PRSXSD; registry-facts R11",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "↓March 2020", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "↓2021-02-30", "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                <clinical_study><id_info><nct_id>NCT00000102</nct_id></id_info>
                <overall_status>Completed</overall_status>
                <start_date type="Actual">↓2020-03</start_date>
                <study_type>Interventional</study_type></clinical_study>
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2020-03", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "2021", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2021-02-28", "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                <clinical_study><id_info><nct_id>NCT00000102</nct_id></id_info>
                <overall_status>Completed</overall_status>
                <start_date type="Actual">March 4, 2020</start_date>
                <completion_date type="Actual">May 2021</completion_date>
                <study_type>Interventional</study_type></clinical_study>
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let status = context.study.status
        var findings: [Finding] = []
        // Each date as it comes, rather than gathered into an array first: most records write every date right.
        func inspect(_ name: String, _ field: Field<DateValue>) {
            let raw = field.value.raw
            let form = PartialDate.formDescription(for: context.format)
            if field.value.date == nil {
                findings.append(Finding("the \(name) `\(raw)` is not a date; expected \(form)", at: context.place(of: field)))
                return
            }
            guard !PartialDate.isWritten(raw, asIn: context.format) else { return }
            findings.append(
                Finding(
                    "the \(name) `\(raw)` is not in the \(context.format) form; expected \(form)", at: context.place(of: field),
                    fix: field.value.date.map { date in
                        FixIt("write it as \(context.format == .jsonV2 || context.format == .uploadXML ? date.description : date.legacyDescription)")
                    }))
        }
        // The milestones (`Status.milestones`), then the registry's own dates.
        if let date = status.startDate?.date { inspect("start date", date) }
        if let date = status.primaryCompletionDate?.date { inspect("primary completion date", date) }
        if let date = status.completionDate?.date { inspect("completion date", date) }
        if let date = status.studyFirstSubmitDate { inspect("first submission date", date) }
        if let date = status.studyFirstPostDate?.date { inspect("first posting date", date) }
        if let date = status.lastUpdatePostDate?.date { inspect("last update posting date", date) }
        return findings
    }
}
