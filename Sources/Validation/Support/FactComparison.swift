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
        guard let intervention = study.armsInterventions.interventions.first(where: { $0.description?.path == fact.field }) else {
            return true
        }
        let name = intervention.name?.value ?? ""
        let lower = name.lowercased()
        if lower.contains("placebo") || lower.contains("sham") { return false }
        guard let subject = fact.subject else { return true }
        return ProtocolComparison.sameIntervention(name, subject)
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
        // arrays, and copying one out for each pair tried was most of this search's cost.
        let facts = self.facts
        var candidates: [Int] = []
        for k in facts.indices where facts[k].kind == kind && describesTreatment(facts[k].field) { candidates.append(k) }
        // Two facts contradict only across fields.
        guard let first = candidates.first, candidates.contains(where: { facts[$0].field != facts[first].field }) else {
            return []
        }
        var answers = LazyAnswers(count: candidates.count)
        func qualifies(_ k: Int) -> Bool {
            answers.answer(k) { isAboutOwnIntervention(facts[candidates[k]]) && !isAside(facts[candidates[k]]) }
        }
        var pairs: [(earlier: Fact, later: Fact)] = []
        for k in candidates.indices {
            let later = facts[candidates[k]]
            func similar(_ other: FactValue) -> Bool { comparable(other, later.value) }
            guard statesOneValue(like: later, similar: similar) else { continue }
            let found = candidates.indices.first { j in
                let earlier = candidates[j]
                return similar(facts[earlier].value) && differ(facts[earlier].value, later.value)
                    && precedes(facts[earlier].field, later.field) && aboutSameTreatment(facts[earlier], later)
                    && statesOneValue(like: facts[earlier], similar: similar) && qualifies(j)
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
        switch (described(a), described(b)) {
        case (nil, nil):
            if let x = a.subject, let y = b.subject { return ProtocolComparison.sameIntervention(x, y) }
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
