import Diagnostics
import RegistryModel

/// An XML record is valid against its format's schema: legacy XML against public.xsd, upload XML against
/// the PRS upload schema.
public struct SchemaValidity: Rule {
    public static let description = RuleDescription(
        id: "schema",
        defaultSeverity: .error,
        summary: "An XML record follows its format's XML schema: public.xsd for legacy XML, the PRS upload schema for upload XML.",
        rationale: """
            The PRS rejects an upload file that does not follow ProtocolRecordSchema.xsd (which imports \
            RRSUploadSchema.xsd), and legacy records were published against public.xsd. Records are validated \
            by libxml2 against copies of the schemas compiled into ctlint, never fetched; each violation is \
            reported where it is: at the element out of place, at the element lacking a required child, at \
            the value outside its type. The upload schema declares most coded elements as plain strings and \
            lists their values in comments (`Anticipated | Actual`); the PRS accepts only those, so a value \
            outside such a list is a violation too. When libxml2 finds an element out of place it stops \
            checking the rest of its parent; ctlint then validates again with the cause mended in a copy, so \
            that one misplaced element does not hide the violations after it.
            Partial records: a record that holds only some of a study's data (a module export, a field \
            selection, a legacy record without its registry dates; see `Record.isComplete`) lacks elements \
            the schema requires without being wrong, so for it the violations that only say a required \
            element is missing are not reported; everything else is. An upload file says so itself with \
            `<clinical_study partial_upload="true">`, the PRS's partial upload, which the upload schema \
            allows. Validation runs only on XML records, when the reader validates (the default).
            """,
        source: "ProtocolRecordSchema.xsd 2018.05.08, RRSUploadSchema.xsd 2017.04.18, public.xsd 2020.05.08 (Docs/embedded-schemas.md)",
        triggeringExamples: [
            Example(#"""
                <prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">
                  <clinical_study>
                    <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0202</org_study_id></id_info>
                    <brief_title>Aspirin after stroke</brief_title>
                    <study_design><study_type>Interventional</study_type></study_design>
                    ↓<arm_group>
                      <arm_type>Experimental</arm_type>
                    </arm_group>
                  </clinical_study>
                </prs:study_collection>
                """#, at: "clinical_study/arm_group"),
            Example(#"""
                <prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">
                  <clinical_study partial_upload="true">
                    <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0202</org_study_id></id_info>
                    <arm_group>
                      <arm_group_label>Aspirin</arm_group_label>
                      <arm_type>↓Experimentl</arm_type>
                    </arm_group>
                  </clinical_study>
                </prs:study_collection>
                """#, at: "clinical_study/arm_group/arm_type"),
            Example(#"""
                <prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">
                  <clinical_study>
                    <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0202</org_study_id></id_info>
                    <official_title>Aspirin After Stroke: a Randomised Trial</official_title>
                    ↓<brief_title>Aspirin after stroke</brief_title>
                    <study_design><study_type>Observational</study_type></study_design>
                  </clinical_study>
                </prs:study_collection>
                """#, at: "clinical_study/brief_title"),
            Example(#"""
                <clinical_study>
                  <id_info><nct_id>NCT00000102</nct_id></id_info>
                  <overall_status>↓Finished</overall_status>
                </clinical_study>
                """#, at: "clinical_study/overall_status"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                <prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">
                  <clinical_study>
                    <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0202</org_study_id></id_info>
                    <brief_title>Aspirin after stroke</brief_title>
                    <study_design><study_type>Interventional</study_type></study_design>
                    <arm_group>
                      <arm_group_label>Aspirin</arm_group_label>
                      <arm_type>Experimental</arm_type>
                    </arm_group>
                  </clinical_study>
                </prs:study_collection>
                """#),
            Example(#"""
                <clinical_study>
                  <id_info><nct_id>NCT06813157</nct_id></id_info>
                  <brief_summary><textblock>Five infusions of 1 x 10^8 cells per kg.</textblock></brief_summary>
                </clinical_study>
                """#),
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT06813157"}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let validation = context.record.schemaValidation else { return [] }
        let violations = context.isComplete
            ? validation.violations : validation.violationsAllowingMissingElements ?? validation.violations
        return violations.map { violation in
            Finding(
                violation.message,
                at: Place(path: violation.origin.path, start: violation.origin.position, end: violation.end),
                notes: [DiagnosticNote("the schema is \(validation.schema)")])
        }
    }
}
