import Diagnostics
import RegistryModel

/// The status verification date is a month.
public struct StatusVerifiedDateFormat: Rule {
    public static let description = RuleDescription(
        id: "status-verified-date-format",
        defaultSeverity: .error,
        summary: "The status verification date is a month (or a day) in the format's form: yyyy-MM, legacy \"Month yyyy\".",
        rationale: """
            The Record Verification Date is the month in which the sponsor last confirmed the record; API v2 \
            and the PRS upload schema write it `yyyy-MM`, legacy XML "Month yyyy"; some records give the day, \
            which the registry accepts. A bare year does not say which month was meant, and text in another \
            form, or no date at all, cannot be compared.
            """,
        source: "OAS PartialDate; PRSXSD (record verification date: YYYY-MM); registry-facts R12",
        triggeringExamples: [
            Example(#"{"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "↓2024"}}}"#),
            Example(#"{"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "↓Jan 2024"}}}"#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "2024-01"}}}"#),
            Example(#"{"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "2025-11-25"}}}"#),
            Example(#"""
                <clinical_study><id_info><nct_id>NCT00000102</nct_id></id_info>
                <verification_date>January 2024</verification_date>
                <overall_status>Recruiting</overall_status><study_type>Interventional</study_type></clinical_study>
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let field = context.study.status.statusVerifiedDate else { return [] }
        let raw = field.value.raw
        let legacy = context.format == .xmlLegacy || context.format == .jsonClassic
        let form = legacy ? "\"Month yyyy\"" : "yyyy-MM"
        guard let date = field.value.date else {
            return [Finding("the status verification date `\(raw)` is not a date; expected \(form)", at: context.place(of: field))]
        }
        let written = PartialDate.isWritten(raw, asIn: context.format)
        if date.precision != .year, written { return [] }
        let month = PartialDate(year: date.year, month: date.month ?? 1)!
        let fixText = date.month == nil ? nil : (legacy ? month.legacyDescription : month.description)
        return [
            Finding(
                "the status verification date `\(raw)` is not a month in the form \(form)", at: context.place(of: field),
                fix: fixText.map { FixIt("write it as \($0)") })
        ]
    }
}
