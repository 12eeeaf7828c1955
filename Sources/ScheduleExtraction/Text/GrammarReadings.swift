import ScheduleModel

/// What the grammar reads at the tokens where several rules ask the same question, read once per field.
///
/// Four rules ask for a duration (`durationRange(at:)`) at every number they start at, and both dose rules read
/// a dose (`dose(at:)`) at every number that may start one: reading each once when the field is read, instead
/// of once per rule, saves most of that work. The readings are pure functions of the field's tokens, so what a
/// rule gets is what it would read itself.
struct GrammarReadings: Sendable {
    /// Where a token's readings are: its `durationRange(at:)` in `durationRanges` (-1 for none), its
    /// `dose(at:)` in `doses` (-1 for none, -2 where the dose rules do not read one).
    private struct Slots: Sendable {
        var duration: Int32
        var dose: Int32
    }

    /// One per token.
    private var slots: [Slots] = []
    private var durationRanges: [Parsed<DurationRange>] = []
    private var doses: [DoseMatch] = []
    /// Whether a dose read is written with a power of ten (`DoseMatch.hasPower`).
    private(set) var hasPoweredDose = false

    /// Reads the field's durations and doses, replacing what the readings held before.
    mutating func read(_ text: FieldText) {
        slots.empty()
        durationRanges.empty()
        doses.empty()
        hasPoweredDose = false
        slots.append(repeating: Slots(duration: -1, dose: -2), count: text.count)
        // `readDurationRange(at:)` finds nothing unless the token is a number or `between`, and a dose starts only
        // at a number: the lexer marked those.
        text.triggers.forEach(in: TriggerBits.numericSlot, or: TriggerBits.readingSlot, below: text.count) { i in
            let t = text.tokens[i]
            guard t.isNumeric || t.kind == .word && t.end - t.start == 7 && text.matches(t, "between") else { return }
            if let d = text.readDurationRange(at: i) {
                slots[i].duration = Int32(truncatingIfNeeded: durationRanges.count)
                durationRanges.append(d)
            }
            if text.mayStartDoseAmount(i) {
                if let d = text.readDose(at: i) {
                    slots[i].dose = Int32(truncatingIfNeeded: doses.count)
                    doses.append(d)
                    hasPoweredDose = hasPoweredDose || d.hasPower
                } else {
                    slots[i].dose = -1
                }
            }
        }
    }

    /// The duration read at token `i`: `.some(nil)` for none, `nil` when the readings do not cover `i`.
    @inline(__always) func durationRange(at i: Int) -> Parsed<DurationRange>?? {
        guard i >= 0 && i < slots.count else { return nil }
        let slot = Int(slots[i].duration)
        return .some(slot < 0 ? nil : durationRanges[slot])
    }

    /// The dose read at token `i`: `.some(nil)` for none, `nil` when the readings do not cover `i`.
    @inline(__always) func dose(at i: Int) -> DoseMatch?? {
        guard i >= 0 && i < slots.count else { return nil }
        let slot = Int(slots[i].dose)
        if slot == -2 { return nil }
        return .some(slot < 0 ? nil : doses[slot])
    }
}
