import Diagnostics
import RegistryModel
import ScheduleModel

/// How protocol rules compare a record's facts with the protocol it is checked against.
///
/// A fact with a subject is about the protocol's interventions of that name (the same words, or one name
/// containing the other) and its unnamed interventions; a fact without a subject may be about any of them.
/// A fact contradicts the protocol when it agrees with none of the interventions it may be about that
/// promise something of its kind; a promise is kept when some fact that may be about its intervention
/// agrees with it. A protocol says nothing about what it leaves out.
struct ProtocolComparison {
    let context: RuleContext
    let promised: StudyProtocol

    init?(_ context: RuleContext) {
        guard let promised = context.studyProtocol else { return nil }
        self.context = context
        self.promised = promised
    }

    /// The facts of `kind`, in record order.
    func facts(_ kind: FactKind) -> [Fact] { context.facts.filter { $0.kind == kind } }

    /// The protocol's interventions `fact` may be about.
    func candidates(for fact: Fact) -> [ProtocolIntervention] {
        guard let subject = fact.subject else { return promised.interventions }
        return promised.interventions.filter { intervention in
            guard let name = intervention.name else { return true }
            return Self.sameIntervention(name, subject)
        }
    }

    /// `true` when a protocol's intervention name and a fact's subject name the same thing: the same words
    /// whatever the case, or one containing the other as whole words.
    static func sameIntervention(_ name: String, _ subject: String) -> Bool {
        guard let a = ScheduleBuilder.subjectKey(name), let b = ScheduleBuilder.subjectKey(subject) else { return false }
        return sameIntervention(keys: a, b)
    }

    /// `sameIntervention(_:_:)` of two names' `ScheduleBuilder.subjectKey`s: a rule asking of the same names
    /// pair after pair folds each once.
    static func sameIntervention(keys a: String, _ b: String) -> Bool {
        if a == b { return true }
        // ASCII keys are searched by their bytes (where a key, holding no line break, has as many characters as
        // bytes): building the two padded strings and searching them with Foundation was most of the cost of
        // comparing two subjects.
        var (a, b) = (a, b)
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                guard !x.isEmpty, !y.isEmpty, x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return nil }
                return x.count < y.count ? containsWords(x, in: y) : containsWords(y, in: x)
            }
        }
        if let ascii { return ascii }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return " \(long) ".contains(" \(short) ")
    }

    /// Whether ASCII `long`, with a space before and after it, holds `short` with a space before and after it:
    /// `short` occurs in `long` where a space or the end of `long` lies on either side.
    private static func containsWords(_ short: UnsafeBufferPointer<UInt8>, in long: UnsafeBufferPointer<UInt8>) -> Bool {
        guard short.count <= long.count else { return false }
        let space = UInt8(ascii: " ")
        for start in 0...(long.count - short.count) {
            guard start == 0 || long[start - 1] == space else { continue }
            let end = start + short.count
            guard end == long.count || long[end] == space else { continue }
            var k = 0
            while k < short.count, long[start + k] == short[k] { k += 1 }
            if k == short.count { return true }
        }
        return false
    }

    /// `true` when some fact of `kind` that may be about `intervention` passes `agrees`.
    func isStated(_ kind: FactKind, for intervention: ProtocolIntervention, where agrees: (Fact) -> Bool) -> Bool {
        facts(kind).contains { fact in candidates(for: fact).contains(intervention) && agrees(fact) }
    }

    /// The interventions of the schedule the record's facts imply that may be `intervention`.
    func stated(_ intervention: ProtocolIntervention) -> [ProtocolIntervention] {
        context.statedSchedule.interventions.filter { stated in
            guard let a = stated.name, let b = intervention.name else { return true }
            return Self.sameIntervention(a, b)
        }
    }

    /// ` of mesenchymal stem cells`, or nothing for an unnamed intervention.
    static func of(_ intervention: ProtocolIntervention) -> String {
        intervention.name.map { " of \($0)" } ?? ""
    }

    /// A finding on a fact that disagrees with the protocol.
    func mismatch(_ fact: Fact, _ message: String, fix: String) -> Finding {
        Finding(message, at: context.place(of: fact), fix: FixIt(fix))
    }

    /// A finding for a promise the record never states, at the field where it was expected.
    func missing(_ message: String, intervention: ProtocolIntervention? = nil) -> Finding {
        Finding(
            message, at: context.expectedPlace(for: intervention?.name),
            fix: FixIt("state it in the record, or take it out of the protocol if the study no longer promises it"))
    }

    /// `1e8 {cells}/kg`, or `100 mg or 200 mg`.
    static func either<T: CustomStringConvertible>(_ values: [T]) -> String {
        switch values.count {
        case 0: "nothing"
        case 1: values[0].description
        default: values.dropLast().map(\.description).joined(separator: ", ") + " or " + values.last!.description
        }
    }
}

extension ISODuration {
    /// `true` when a gap of `days` days is this long: exactly for days and weeks, and for months and years
    /// within the lengths of calendar months (28 to 31 days each) and years (365 or 366 days).
    func agrees(withDays days: Int) -> Bool {
        switch unit {
        case .month: Double(days) >= 28 * amount && Double(days) <= 31 * amount
        case .year: Double(days) >= 365 * amount && Double(days) <= 366 * amount
        default: abs(self.days - Double(days)) < 1e-9
        }
    }
}

extension DurationRange {
    /// `true` when a gap of `days` days is this long, or lies in the stated range.
    func agrees(withDays days: Int) -> Bool {
        guard let upper else { return lower.agrees(withDays: days) }
        return lower.agrees(withDays: days) || upper.agrees(withDays: days)
            || (Double(days) >= lower.days && Double(days) <= upper.days)
    }
}
