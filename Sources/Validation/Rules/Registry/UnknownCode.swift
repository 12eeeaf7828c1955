import Diagnostics
import RegistryModel

/// Every enumerated field holds one of its vocabulary's values.
public struct UnknownCode: Rule {
    public static let description = RuleDescription(
        id: "unknown-code",
        defaultSeverity: .error,
        summary: "Every enumerated field (status, study type, phase, allocation, model, masking, …) holds a known value.",
        rationale: """
            The registry's enumerated fields take values from fixed vocabularies (API v2 codes such as \
            `PHASE2`, or the legacy labels such as "Phase 2"). A value outside the vocabulary is refused by \
            PRS and cannot be compared or counted. Legacy "N/A" as a study type marks a redacted record and \
            is accepted in the legacy formats.
            """,
        source: "OAS enums; XSD enumerations; registry-facts R09, R17, R18, R19, R23, R24, R25, R27, R28",
        triggeringExamples: [
            Example(#"{"protocolSection": {"statusModule": {"overallStatus": "↓HALTED"}}}"#),
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "↓PHASE5"]}}}"#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "↓RANDOMISED", "maskingInfo": {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "↓NURSE"]}}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING"},
                  "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "PHASE2"],
                    "designInfo": {"allocation": "RANDOMIZED", "interventionModel": "PARALLEL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let legacy = context.format == .xmlLegacy || context.format == .jsonClassic
        UnknownCode.visit(context.study) { field, spelling, known in
            if legacy, field.path.leafName == "studyType", spelling == "N/A" { return }
            let place = Place(
                path: field.path, start: field.position, end: field.position.flatMap { context.document.valueEnd(from: $0) })
            let name = field.path.leafName
            let hint = Configuration.closest(to: spelling.uppercased(), among: known.v2).map {
                " (did you mean \(legacy ? known.legacy[known.v2.firstIndex(of: $0)!] : $0)?)"
            } ?? ""
            let expected = (legacy ? known.legacy : known.v2).joined(separator: ", ")
            findings.append(
                Finding("`\(spelling)` is not a known \(name) value\(hint)", at: place, notes: [DiagnosticNote("expected one of: \(expected)")]))
        }
        return findings
    }

    /// Calls `body` for every enumerated field holding an unknown spelling.
    static func visit(_ study: Study, _ body: (Origin, String, (v2: [String], legacy: [String])) -> Void) {
        var collector = UnknownCodes()
        study.visitFields(&collector)
        for unknown in collector.found { body(unknown.origin, unknown.spelling, unknown.known) }
    }
}

/// Collects the enumerated fields holding a spelling outside their vocabulary.
private struct UnknownCodes: FieldVisitor {
    var found: [(origin: Origin, spelling: String, known: (v2: [String], legacy: [String]))] = []

    mutating func visit(_ origin: Origin, module: FieldPath) {}

    mutating func visitCoded<Code: RegistryCode>(_ field: Field<Coded<Code>>) {
        guard case .unknown(let spelling) = field.value else { return }
        found.append((field.origin, spelling, (Code.allCases.map(\.rawValue), Code.allCases.map(\.legacyLabel))))
    }
}
