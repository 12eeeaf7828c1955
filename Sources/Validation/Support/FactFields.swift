import RegistryModel
import ScheduleModel

extension RuleContext {
    /// How a message names the field a fact was read from: `the brief summary`, `the description of arm
    /// group "A"`, `the time frame of primary outcome 2`.
    func fieldName(_ path: FieldPath) -> String {
        let study = self.study
        if path == .briefSummary { return "the brief summary" }
        if path == .detailedDescription { return "the detailed description" }
        for (k, arm) in study.armsInterventions.armGroups.enumerated() where arm.description?.path == path {
            return "the description of arm group " + (arm.label.map { "\"\($0.value)\"" } ?? String(k + 1))
        }
        for (k, intervention) in study.armsInterventions.interventions.enumerated() where intervention.description?.path == path {
            return "the description of intervention " + (intervention.name.map { "\"\($0.value)\"" } ?? String(k + 1))
        }
        let outcomes = [("primary", study.outcomes.primary), ("secondary", study.outcomes.secondary), ("other", study.outcomes.other)]
        for (kind, list) in outcomes {
            for (k, outcome) in list.enumerated() where outcome.timeFrame?.path == path {
                return "the time frame of \(kind) outcome \(k + 1)"
            }
        }
        return "the field \(path)"
    }

    /// `the brief summary says «5 times»`: where a fact was read, quoting it.
    func says(_ fact: Fact) -> String {
        "\(fieldName(fact.field)) says «\(fact.text.split(whereSeparator: \.isWhitespace).joined(separator: " "))»"
    }

    /// Where a statement the record lacks was expected: the description of the record's intervention
    /// named `intervention` when there is one, else the brief summary, else the detailed description,
    /// else the start of the record.
    func expectedPlace(for intervention: String? = nil) -> Place {
        if let intervention, let key = ScheduleBuilder.subjectKey(intervention) {
            for candidate in study.armsInterventions.interventions {
                guard let name = candidate.name?.value, let nameKey = ScheduleBuilder.subjectKey(name), nameKey == key,
                    let description = candidate.description
                else { continue }
                return Place(path: description.path, start: description.position)
            }
        }
        if let summary = study.description.briefSummary { return Place(path: summary.path, start: summary.position) }
        if let detailed = study.description.detailedDescription { return Place(path: detailed.path, start: detailed.position) }
        return Place(path: .descriptionModule, start: document.base)
    }
}

extension RuleContext {
    /// Where a fact's visit code (`V5`) is written: the occurrence of the code as a word nearest the fact in
    /// its field, or the fact itself when the code is not found.
    func visitCodePlace(_ code: String, of fact: Fact) -> Place {
        guard let bytes = schedule.utf8(of: fact.field), !code.isEmpty else { return place(of: fact) }
        let needle = Array(code.utf8)
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
        }
        var best: Int?
        var start = 0
        while start + needle.count <= bytes.count {
            defer { start += 1 }
            guard bytes[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            if start > 0, isWordByte(bytes[start - 1]) { continue }
            if start + needle.count < bytes.count, isWordByte(bytes[start + needle.count]) { continue }
            let distance = abs(start - fact.utf8Range.lowerBound)
            if best.map({ distance < abs($0 - fact.utf8Range.lowerBound) }) ?? true { best = start }
        }
        guard let best else { return place(of: fact) }
        return place(of: fact, bytes: best..<(best + needle.count))
    }
}
