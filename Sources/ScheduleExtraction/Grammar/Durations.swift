import ScheduleModel

/// Lengths of time: a number and a time unit (`28-day`, `3 weeks`, `2.5 weeks`, `24h`, `two years`).
enum Durations {
    /// Units that are nouns (`weeks`), not adverbs (`weekly`).
    static let nounUnitList: [(String, ISODuration.Unit)] = [
        ("minute", .minute), ("minutes", .minute), ("min", .minute), ("mins", .minute),
        ("hour", .hour), ("hours", .hour), ("hr", .hour), ("hrs", .hour),
        ("day", .day), ("days", .day), ("dys", .day),
        ("week", .week), ("weeks", .week), ("wk", .week), ("wks", .week),
        ("month", .month), ("months", .month), ("mo", .month), ("mos", .month), ("mths", .month),
        ("year", .year), ("years", .year), ("yr", .year), ("yrs", .year),
    ]
    /// Single letters (`d`, `h`, `w`), which count only when glued to their number (`24h`, `q3w`).
    static let shortUnitList: [(String, ISODuration.Unit)] = [
        ("d", .day), ("h", .hour), ("w", .week), ("m", .month), ("y", .year),
    ]
}

extension FieldText {
    /// A time unit noun at `i` (`days`, `wk`), or a single-letter unit glued to the number before it.
    func timeUnit(at i: Int, allowShort: Bool = true) -> ISODuration.Unit? {
        guard let t = at(i), t.isWord else { return nil }
        if t.timeUnit != 0 { return TimeUnitCode.unit(t.timeUnit) }
        if allowShort, t.attached, t.shortTimeUnit != 0, let u = TimeUnitCode.unit(t.shortTimeUnit), u != .month,
            u != .year
        {
            return u
        }
        return nil
    }

    /// A duration: `3 weeks`, `28-day`, `two years`, `24h`, `1week`.
    func duration(at i: Int) -> Parsed<ISODuration>? {
        guard let n = number(at: i), n.value >= 0 else { return nil }
        var j = n.end
        if isSymbol(j, "-"), let t = at(j + 1), t.isWord { j += 1 }
        guard let unit = timeUnit(at: j) else { return nil }
        return Parsed(ISODuration(n.value, unit), end: j + 1)
    }

    /// A duration or a stated range of durations: `1-2 weeks`, `6 - 10 hours`, `2 to 4 weeks`,
    /// `between 5 and 12 weeks`, `2 weeks to 4 weeks`, `2- to 3-day`. Read once per field (`readings`), since
    /// several rules ask at every number.
    @inline(__always) func durationRange(at i: Int) -> Parsed<DurationRange>? {
        if let read = readings.durationRange(at: i) { return read }
        return readDurationRange(at: i)
    }

    /// Reads `durationRange(at:)` from the tokens: `nil` unless token `i` is a number (in digits or words) or
    /// `between`.
    func readDurationRange(at i: Int) -> Parsed<DurationRange>? {
        var start = i
        let between = isWord(i, "between")
        if between { start += 1 }
        guard let a = number(at: start) else { return nil }
        // `1-2 weeks`, `2 to 4 weeks`, `5 and 12 weeks` (after `between`), `2- to 3-day`
        var sep: Int? = rangeSeparator(at: a.end)
        if isSymbol(a.end, "-"), isWord(a.end + 1, Numbers.to) { sep = a.end + 2 }
        if between, sep == nil, isWord(a.end, "and") { sep = a.end + 1 }
        if let s = sep, let b = number(at: s), b.value > a.value, let d = duration(at: s) {
            return Parsed(DurationRange(ISODuration(a.value, d.value.unit), d.value), end: d.end)
        }
        guard let first = duration(at: start) else { return nil }
        // `2 weeks to 4 weeks`, `between 2 weeks and 4 days`
        var s2: Int? = rangeSeparator(at: first.end)
        if between, s2 == nil, isWord(first.end, "and") { s2 = first.end + 1 }
        if let s = s2, let second = duration(at: s) {
            let (lo, hi) = first.value < second.value ? (first.value, second.value) : (second.value, first.value)
            return Parsed(DurationRange(lo, hi), end: second.end)
        }
        if between { return nil }
        return Parsed(DurationRange(first.value), end: first.end)
    }
}
