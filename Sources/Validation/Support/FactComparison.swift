import RegistryModel
import ScheduleModel

/// What consistency rules share: which fields state the schedule of the whole study, and when two facts
/// are about the same thing.
extension RuleContext {
    /// The fields that describe the study's own treatment as a whole: the brief summary, the detailed
    /// description and the intervention descriptions. Arm group descriptions describe one arm each, and
    /// arms differ by design; outcome time frames give assessment times, not doses.
    func describesTreatment(_ path: FieldPath) -> Bool {
        path == .briefSummary || path == .detailedDescription
            || study.armsInterventions.interventions.contains { $0.description?.path == path }
    }

    /// `true` when the record gives at most one intervention and at most one arm, so that every statement
    /// of a dose or a count is about the same treatment.
    var hasOneTreatment: Bool {
        study.armsInterventions.interventions.count <= 1 && (armCount ?? 0) <= 1
    }

    /// `true` when two facts are about the same intervention: both name it, or the record has only one
    /// treatment and the names they give (if any) agree.
    func sameSubject(_ a: Fact, _ b: Fact) -> Bool {
        switch (a.subject, b.subject) {
        case let (x?, y?): ProtocolComparison.sameIntervention(x, y)
        default: hasOneTreatment
        }
    }

    /// `true` when two fields may describe the same treatment: the brief summary and the detailed
    /// description, or either of them and an intervention's description. Two interventions' descriptions
    /// describe two interventions, even of one drug (dose levels entered as interventions).
    func comparable(_ a: FieldPath, _ b: FieldPath) -> Bool {
        guard a != b, describesTreatment(a), describesTreatment(b) else { return false }
        let general: Set<FieldPath> = [.briefSummary, .detailedDescription]
        return general.contains(a) || general.contains(b)
    }

    /// `true` when a fact read from an intervention's description is about that intervention, and the
    /// intervention is not a placebo or sham (whose descriptions quote the doses they match); facts of the
    /// brief summary and detailed description always are.
    func isAboutOwnIntervention(_ fact: Fact) -> Bool {
        isAboutOwnIntervention(fact, described: study.armsInterventions.interventions.first(where: { $0.description?.path == fact.field }))
    }

    /// `isAboutOwnIntervention(_:)` given the intervention whose description the fact was read from.
    private func isAboutOwnIntervention(_ fact: Fact, described intervention: Intervention?) -> Bool {
        guard let intervention else { return true }
        let name = intervention.name?.value ?? ""
        let lower = name.lowercased()
        if Self.contains(lower, "placebo") || Self.contains(lower, "sham") { return false }
        guard let subject = fact.subject else { return true }
        return ProtocolComparison.sameIntervention(name, subject)
    }

    /// `text.contains(word)`, for ASCII text by its bytes: Foundation's search was most of the cost of asking
    /// whether an intervention is a placebo.
    private static func contains(_ text: String, _ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
        return ascii ?? text.contains(word.description)
    }

    /// The words of a fact's sentence before it and after it.
    func sentence(around fact: Fact) -> (before: String, after: String) {
        withUTF8(of: fact.field) { bytes in
            let (before, after) = Self.sentenceParts(around: fact.utf8Range, in: bytes)
            return (
                String(decoding: UnsafeBufferPointer(rebasing: bytes[before]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: bytes[after]), as: UTF8.self)
            )
        } ?? ("", "")
    }

    /// The bytes of the sentence around `range` before it and after it: from the end of the previous
    /// sentence (`;`, a line break, `?`, `!`, or `.` before a space) to the end of its own.
    private static func sentenceParts(
        around range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>
    ) -> (before: Range<Int>, after: Range<Int>) {
        func isEnd(_ k: Int) -> Bool {
            switch bytes[k] {
            case UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "?"), UInt8(ascii: "!"): true
            case UInt8(ascii: "."): k + 1 == bytes.count || bytes[k + 1] == UInt8(ascii: " ")
            default: false
            }
        }
        let lower = min(range.lowerBound, bytes.count)
        let upper = min(range.upperBound, bytes.count)
        var start = lower
        while start > 0, !isEnd(start - 1) { start -= 1 }
        var end = upper
        while end < bytes.count, !isEnd(end) { end += 1 }
        return (start..<lower, upper..<end)
    }

    /// Calls `body` with the UTF-8 bytes of the schedule text field at `path`; `nil` when the record has
    /// no such field.
    func withUTF8<Result>(of path: FieldPath, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard var value = textField(at: path)?.value else { return nil }
        return value.withUTF8(body)
    }

    /// `true` when two facts of one field lie in one sentence.
    func sameSentence(_ a: Fact, _ b: Fact) -> Bool {
        guard a.field == b.field else { return false }
        let (first, second) = a.utf8Range.lowerBound <= b.utf8Range.lowerBound ? (a, b) : (b, a)
        return schedule.sameSentence(a.field, from: min(first.utf8Range.upperBound, second.utf8Range.lowerBound), to: second.utf8Range.lowerBound)
    }

    /// `true` when the field states one value of `fact`'s kind for its subject: `similar` picks the values
    /// that could be the same statement (doses in units of one kind), and facts naming another subject are
    /// about something else.
    func statesOneValue(like fact: Fact, similar: (FactValue) -> Bool) -> Bool {
        // By index, each fact's parts read in place: this is asked for every fact of a kind, of every other
        // fact, and copying each fact out to ask was most of its cost.
        let facts = self.facts
        for k in facts.indices {
            guard facts[k].kind == fact.kind, facts[k].field == fact.field, !facts[k].value.isEquivalent(to: fact.value),
                similar(facts[k].value)
            else { continue }
            guard let a = facts[k].subject, let b = fact.subject else { return false }
            if ProtocolComparison.sameIntervention(a, b) { return false }
        }
        return true
    }

    /// The contradictions among the facts of `kind` in fields that describe the treatment, as pairs: for each
    /// fact that states its field's one value, the first fact of an earlier field about the same treatment
    /// that states its own field's one value, a comparable (`comparable(earlier, later)`) but different
    /// (`differ(earlier, later)`) one, both asked of the facts' values. Both must be about their field's own
    /// intervention and outside an aside; that is asked last, and only of facts that would otherwise
    /// contradict another, since it reads names and sentences word by word.
    func contradictions(
        of kind: FactKind, comparable: (FactValue, FactValue) -> Bool, differ: (FactValue, FactValue) -> Bool
    ) -> [(earlier: Fact, later: Fact)] {
        // Facts are named by their index and read in place: a fact is a value of a dozen strings and
        // arrays, and copying one out for each pair tried was most of this search's cost. Each candidate's
        // field is named once, by its rank among the fields that describe the treatment (`TreatmentField`), so
        // that pairs compare numbers rather than paths.
        let facts = self.facts
        let interventions = study.armsInterventions.interventions
        var candidates: [Int] = []
        var fields: [TreatmentField] = []
        var last: (path: FieldPath, field: TreatmentField?)?
        for k in facts.indices where facts[k].kind == kind {
            let field: TreatmentField?
            if let last, last.path == facts[k].field {
                field = last.field
            } else {
                field = TreatmentField(facts[k].field, interventions)
                last = (facts[k].field, field)
            }
            guard let field else { continue }
            candidates.append(k)
            fields.append(field)
        }
        // Two facts contradict only across fields.
        guard let first = fields.first, fields.contains(where: { $0 != first }) else { return [] }
        var answers = LazyAnswers(count: candidates.count)
        func qualifies(_ k: Int) -> Bool {
            answers.answer(k) {
                isAboutOwnIntervention(facts[candidates[k]], described: fields[k].intervention.map { interventions[$0] })
                    && !isAside(facts[candidates[k]])
            }
        }
        // Each candidate's subject folded once (`ScheduleBuilder.subjectKey`), as candidates are compared pair by
        // pair: `.some(nil)` for a subject that folds to nothing.
        var subjectKeys = [String??](repeating: nil, count: candidates.count)
        func subjectKey(_ k: Int) -> String? {
            if let known = subjectKeys[k] { return known }
            let key = facts[candidates[k]].subject.flatMap(ScheduleBuilder.subjectKey)
            subjectKeys[k] = .some(key)
            return key
        }
        /// `statesOneValue(like:similar:)` for candidate `k`: the facts of its field are candidates too.
        func statesOneValue(_ k: Int, similar: (FactValue) -> Bool) -> Bool {
            for j in candidates.indices where fields[j] == fields[k] {
                guard !facts[candidates[j]].value.isEquivalent(to: facts[candidates[k]].value), similar(facts[candidates[j]].value)
                else { continue }
                guard facts[candidates[j]].subject != nil, facts[candidates[k]].subject != nil else { return false }
                if sameSubjects(j, k) { return false }
            }
            return true
        }
        /// `ProtocolComparison.sameIntervention(_:_:)` of the subjects of candidates `j` and `k`, by their folded keys.
        func sameSubjects(_ j: Int, _ k: Int) -> Bool {
            guard let a = subjectKey(j), let b = subjectKey(k) else { return false }
            return ProtocolComparison.sameIntervention(keys: a, b)
        }
        /// `aboutSameTreatment(_:_:)` for candidates `j` and `k`, comparing their subjects by their folded keys.
        func aboutSameTreatment(_ j: Int, _ k: Int) -> Bool {
            self.aboutSameTreatment(
                facts[candidates[j]], fields[j].intervention.map { interventions[$0] }, facts[candidates[k]],
                fields[k].intervention.map { interventions[$0] }, sameSubjects: { _, _ in sameSubjects(j, k) })
        }
        var pairs: [(earlier: Fact, later: Fact)] = []
        for k in candidates.indices {
            let later = facts[candidates[k]]
            func similar(_ other: FactValue) -> Bool { comparable(other, later.value) }
            guard statesOneValue(k, similar: similar) else { continue }
            // Fields in record order (`precedes`), which lists the brief summary, the detailed description and the
            // interventions' descriptions in the order of `TreatmentField`; two fields may describe the same
            // treatment only when one of them is the brief summary or the detailed description (`comparable`).
            let found = candidates.indices.first { j in
                let earlier = candidates[j]
                return fields[j] < fields[k] && (fields[j].isGeneral || fields[k].isGeneral)
                    && similar(facts[earlier].value) && differ(facts[earlier].value, later.value)
                    && aboutSameTreatment(j, k)
                    && statesOneValue(j, similar: similar) && qualifies(j)
            }
            guard let found, qualifies(k) else { continue }
            pairs.append((facts[candidates[found]], later))
        }
        return pairs
    }

    /// `true` when facts of two fields that may describe the same treatment are about the same treatment.
    /// Between the brief summary and the detailed description: the subjects they name agree, or, where one
    /// names none, the record has one treatment. Between either and an intervention's description: the
    /// general field names that intervention, and no other intervention goes by that name.
    func aboutSameTreatment(_ a: Fact, _ b: Fact) -> Bool {
        guard comparable(a.field, b.field) else { return false }
        let interventions = study.armsInterventions.interventions
        let described = { (fact: Fact) in interventions.first { $0.description?.path == fact.field } }
        return aboutSameTreatment(a, described(a), b, described(b))
    }

    /// `aboutSameTreatment(_:_:)` for facts of comparable fields, given the intervention whose description
    /// each was read from (`nil` for the brief summary and the detailed description). `sameSubjects` compares
    /// two subjects named in those general fields: a caller asking pair after pair passes one that compares
    /// subjects it has folded once.
    private func aboutSameTreatment(
        _ a: Fact, _ describedA: Intervention?, _ b: Fact, _ describedB: Intervention?,
        sameSubjects: (String, String) -> Bool = { ProtocolComparison.sameIntervention($0, $1) }
    ) -> Bool {
        switch (describedA, describedB) {
        case (nil, nil):
            if let x = a.subject, let y = b.subject { return sameSubjects(x, y) }
            return hasOneTreatment
        case (let intervention?, nil): return names(b.subject, only: intervention)
        case (nil, let intervention?): return names(a.subject, only: intervention)
        default: return false
        }
    }

    /// `true` when `subject` names `intervention` and no other of the record's interventions.
    private func names(_ subject: String?, only intervention: Intervention) -> Bool {
        guard let subject, let name = intervention.name?.value, ProtocolComparison.sameIntervention(name, subject) else {
            return false
        }
        return study.armsInterventions.interventions.filter { other in
            other.name.map { ProtocolComparison.sameIntervention($0.value, subject) } ?? false
        }.count == 1
    }

    /// Words of a sentence about other studies or about dosage units rather than this study's doses:
    /// `Many OIT trials have targeted 4000 mg`, `two tablets (alendronate 10 mg)`.
    static let asideWords: Set<String> = [
        "trials", "studies", "previous", "previously", "reported", "literature", "published", "tablets", "capsules",
    ]

    /// `true` when a fact's sentence speaks of other studies or of tablets and capsules, whose strengths
    /// are not doses.
    func isAside(_ fact: Fact) -> Bool {
        withUTF8(of: fact.field) { bytes in
            let (before, after) = Self.sentenceParts(around: fact.utf8Range, in: bytes)
            func speaksAside(_ part: Range<Int>) -> Bool {
                LowercasedWords.contains(in: UnsafeBufferPointer(rebasing: bytes[part])) { RuleContext.asideWords.contains($0) }
            }
            return speaksAside(before) || speaksAside(after)
        } ?? false
    }
}

/// A field that describes the study's treatment as a whole (`RuleContext.describesTreatment`), ranked as the
/// record lists them: the brief summary, the detailed description, then each intervention's description.
struct TreatmentField: Comparable {
    private let rank: Int

    /// The field at `path`, or `nil` when it does not describe the treatment.
    init?(_ path: FieldPath, _ interventions: [Intervention]) {
        if path == .briefSummary {
            rank = 0
        } else if path == .detailedDescription {
            rank = 1
        } else if let k = interventions.firstIndex(where: { $0.description?.path == path }) {
            rank = 2 + k
        } else {
            return nil
        }
    }

    /// The brief summary or the detailed description, which describe the whole study.
    var isGeneral: Bool { rank < 2 }
    /// The index of the intervention whose description this is.
    var intervention: Int? { rank >= 2 ? rank - 2 : nil }

    static func < (a: TreatmentField, b: TreatmentField) -> Bool { a.rank < b.rank }
}
