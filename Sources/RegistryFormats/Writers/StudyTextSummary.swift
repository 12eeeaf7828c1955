import RegistryModel

/// A readable summary of a record for people: what `ctlint parse --format text` prints.
///
/// It shows where the record came from, its identity, status and dates (with their precision and
/// whether they are actual or estimated), design, enrollment, arms and interventions with their links,
/// and how many outcomes it lists. Codes are shown as v2 codes; an unknown code is shown as written and
/// marked.
public enum StudyTextSummary {
    public static func text(for record: Record) -> String {
        let study = record.study
        var lines: [String] = []
        let source = record.source
        lines.append("\(study.nctId ?? "(no NCT ID)") — \(source.path) (\(source.format), record \(source.index + 1))")
        var table: [(String, String)] = []
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { table.append((label, value)) }
        }
        let identification = study.identification
        row("Brief title", identification.briefTitle?.value)
        row("Official title", identification.officialTitle?.value)
        row("Acronym", identification.acronym?.value)
        row("Org study ID", identification.orgStudyId?.value)
        row("Sponsor", study.sponsors.leadSponsor.map { sponsor in
            [sponsor.name?.value, sponsor.agencyClass.map { "(\(code($0)))" }].compactMap { $0 }.joined(separator: " ")
        })

        let status = study.status
        var overall = status.overallStatus.map(code)
        if let verified = status.statusVerifiedDate {
            overall = (overall ?? "–") + " (verified \(verified.value.date?.description ?? verified.value.raw))"
        }
        row("Status", overall)
        row("Last known status", status.lastKnownStatus.map(code))
        row("Why stopped", status.whyStopped?.value)
        row("Start", status.startDate.map(dateStruct))
        row("Primary completion", status.primaryCompletionDate.map(dateStruct))
        row("Completion", status.completionDate.map(dateStruct))
        row("First submitted", status.studyFirstSubmitDate.map(date))

        let design = study.design
        var studyType = design.studyType.map(code)
        if design.patientRegistry?.value == true { studyType = (studyType ?? "–") + " (patient registry)" }
        row("Study type", studyType)
        row("Phases", design.phases.isEmpty ? nil : design.phases.map(code).joined(separator: ", "))
        var parts: [String] = []
        if let value = design.allocation { parts.append("allocation \(code(value))") }
        if let value = design.interventionModel { parts.append("model \(code(value))") }
        if let value = design.observationalModel { parts.append("model \(code(value))") }
        if let value = design.timePerspective { parts.append("time perspective \(code(value))") }
        if let value = design.primaryPurpose { parts.append("purpose \(code(value))") }
        if let value = design.masking {
            let who = design.whoMasked.map(code).joined(separator: ", ")
            parts.append("masking \(code(value))" + (who.isEmpty ? "" : " (\(who))"))
        }
        row("Design", parts.isEmpty ? nil : parts.joined(separator: "; "))
        row("Enrollment", design.enrollment.map { enrollment in
            let count = enrollment.count.map { String($0.value) } ?? "–"
            return count + (enrollment.type.map { " (\(code($0).lowercased()))" } ?? "")
        })
        row("Conditions", study.conditions.conditions.isEmpty ? nil
            : study.conditions.conditions.map(\.value).joined(separator: "; "))

        let width = table.map(\.0.count).max() ?? 0
        for (label, value) in table {
            lines.append("  " + label + ":" + String(repeating: " ", count: width - label.count + 1) + value)
        }

        let arms = study.armsInterventions
        if !arms.armGroups.isEmpty {
            lines.append("  Arms (\(arms.armGroups.count)):")
            for (i, arm) in arms.armGroups.enumerated() {
                var line = "    \(i + 1). \(arm.label?.value ?? "(no label)")"
                if let type = arm.type { line += " [\(code(type))]" }
                if !arm.interventionNames.isEmpty {
                    line += " → " + arm.interventionNames.map(\.value).joined(separator: ", ")
                }
                lines.append(line)
            }
        }
        if !arms.interventions.isEmpty {
            lines.append("  Interventions (\(arms.interventions.count)):")
            for (i, intervention) in arms.interventions.enumerated() {
                var line = "    \(i + 1). "
                if let type = intervention.type { line += code(type) + ": " }
                line += intervention.name?.value ?? "(no name)"
                if !intervention.armGroupLabels.isEmpty {
                    line += " ← " + intervention.armGroupLabels.map(\.value).joined(separator: ", ")
                }
                lines.append(line)
            }
        }
        let outcomes = study.outcomes
        lines.append("  Outcomes: \(outcomes.primary.count) primary, \(outcomes.secondary.count) secondary, \(outcomes.other.count) other")
        if !study.notices.isEmpty {
            let count = study.notices.count
            lines.append("  Reader notices: \(count) (printed as warnings)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func code<C>(_ field: Field<Coded<C>>) -> String {
        switch field.value {
        case .known(let code): code.rawValue
        case .unknown(let raw): "\"\(raw)\" (unknown)"
        }
    }

    private static func date(_ field: Field<DateValue>) -> String {
        guard let date = field.value.date else { return "\"\(field.value.raw)\" (not a date)" }
        return "\(date) (\(date.precision))"
    }

    private static func dateStruct(_ value: DateStruct) -> String {
        guard let date = value.date.value.date else { return "\"\(value.date.value.raw)\" (not a date)" }
        let type = value.type.map { ", " + code($0).lowercased() } ?? ""
        return "\(date) (\(date.precision)\(type))"
    }
}
