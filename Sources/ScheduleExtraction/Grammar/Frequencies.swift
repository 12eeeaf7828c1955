import ScheduleModel

enum Frequencies {
    static let perWords = WordSet(["a", "per", "each", "every", "an"])
    /// Adverbs of a rate: `daily` is once per day.
    static let adverbs = WordMap(adverbList)
    static let adverbList: [(String, ISODuration)] = [
        ("daily", .days(1)), ("weekly", .weeks(1)), ("monthly", .months(1)), ("annually", .years(1)),
        ("yearly", .years(1)), ("hourly", .hours(1)), ("nightly", .days(1)), ("fortnightly", .weeks(2)),
        ("quarterly", .months(3)),
    ]
    static let adverbUnits: WordMap<ISODuration.Unit> = WordMap([
        ("daily", .day), ("weekly", .week), ("monthly", .month), ("hourly", .hour), ("yearly", .year),
        ("annually", .year),
    ])
}

extension FieldText {
    /// A repeating period: `every 3 weeks`, `every two weeks`, `every other day`, `every day`,
    /// `every 2 or 4 weeks` (two), `every 21 days (3 weeks)`, `q 5 weeks`, `q3w`, `Q12H`, `12 hourly`,
    /// `alternate days`,
    /// `3-weekly`. Returns the periods and where the words end.
    func everyPeriod(at i: Int) -> Parsed<[ISODuration]>? {
        let t = tokens[i]
        if matches(t, "every") {
            var j = i + 1
            if isWord(j, "other") || isWord(j, "alternate") || isWord(j, "second") {
                guard let u = timeUnit(at: j + 1, allowShort: false) else { return nil }
                return Parsed([ISODuration(2, u)], end: j + 2)
            }
            if let u = timeUnit(at: j, allowShort: false), u != .minute { return Parsed([ISODuration(1, u)], end: j + 1) }
            guard let n = number(at: j), n.value > 0 else { return nil }
            j = n.end
            // `every 2 or 4 weeks`, `every 3-4 weeks`
            var values = [n.value]
            if isWord(j, "or") || isWord(j, "to") || isSymbol(j, "-"), let m = number(at: j + 1), m.value > n.value {
                values.append(m.value)
                j = m.end
            }
            if isSymbol(j, "-") { j += 1 }
            guard let u = timeUnit(at: j, allowShort: true) else { return nil }
            var end = j + 1
            end = skipRestatedDuration(at: end)
            return Parsed(values.map { ISODuration($0, u) }, end: end)
        }
        // `on alternate days`, `alternate-day aspirin`, `alternate weeks`
        if matches(t, "alternate") || matches(t, "alternating") {
            var j = i + 1
            if isSymbol(j, "-") { j += 1 }
            if let u = timeUnit(at: j, allowShort: false), u == .day || u == .week || u == .month {
                return Parsed([ISODuration(2, u)], end: j + 1)
            }
            return nil
        }
        // `of each week`
        if matches(t, "each"), isWord(i - 1, "of"), let u = timeUnit(at: i + 1, allowShort: false), u == .week || u == .day {
            return Parsed([ISODuration(1, u)], end: i + 2)
        }
        // `q d 21`, `q wk 3`: the unit before the number.
        if matches(t, "q"), let u = timeUnit(at: i + 1, allowShort: false) ?? shortUnit(at: i + 1), let n = at(i + 2),
            n.isNumber, n.value > 0, n.value < 1000, !(at(i + 1)?.attached ?? false)
        {
            return Parsed([ISODuration(n.value, u)], end: i + 3)
        }
        if matches(t, "q"), t.flags.contains(.upper) || isNumber(i + 1) {
            // `q 5 weeks`, `q3w`, `Q6W`, `q12h`, `q 28 days`
            guard let n = at(i + 1), n.isNumber, n.value > 0, n.value < 1000 else { return nil }
            var j = i + 2
            if isSymbol(j, "-") { j += 1 }
            guard let u = timeUnit(at: j, allowShort: true) ?? (at(j)?.attached == true && isWord(j, "wk") ? .week : nil)
            else { return nil }
            return Parsed([ISODuration(n.value, u)], end: j + 1)
        }
        // `12 hourly`, `3-weekly`, `three weekly`
        if tokens[i].isWord || isAmountStart(i), let n = number(at: i), n.value > 1, n.value < 100 {
            var j = n.end
            if isSymbol(j, "-") { j += 1 }
            // Not `at 4-hourly intervals`, which is a spacing (`IntervalRule`).
            // Not `two monthly vaccines`: so many administrations, given monthly.
            if let a = at(j), a.isWord, let u = Frequencies.adverbUnits[a.hash], u != .day,
                !isWord(j + 1, AdministrationCountRule.administrations), !isWord(j + 1, "vaccines"),
                !isWord(j + 1, "interval", "intervals")
            {
                return Parsed([ISODuration(n.value, u)], end: j + 1)
            }
        }
        return nil
    }

    /// Whether two periods read by `everyPeriod(at:)` are a range (`every 21-28 days`), not the alternatives
    /// of `every 2 or 4 weeks`.
    func isRange(_ every: Parsed<[ISODuration]>) -> Bool {
        var k = every.end - 1
        while k > 0, !isNumber(k) { k -= 1 }
        return isSymbol(k - 1, "-") || isWord(k - 1, "to")
    }

    /// A single-letter unit standing alone: the `d` of `q d 21`.
    private func shortUnit(at i: Int) -> ISODuration.Unit? {
        guard let t = at(i), t.isWord, t.shortTimeUnit != 0 else { return nil }
        return TimeUnitCode.unit(t.shortTimeUnit).flatMap { $0 == .day || $0 == .week ? $0 : nil }
    }

    /// Past a restatement in brackets: `every 21 days (3 weeks)`.
    func skipRestatedDuration(at i: Int) -> Int {
        guard isSymbol(i, "("), let d = duration(at: i + 1), isSymbol(d.end, ")") else { return i }
        return d.end + 1
    }

    /// A count of times: `3 times`, `three times`, `twice`, `once`, `2x`. Returns the count and its end.
    func timesCount(at i: Int) -> Parsed<Int>? {
        guard let t = at(i) else { return nil }
        if t.isWord, let n = Numbers.times[t.hash] { return Parsed(n, end: i + 1) }
        guard let n = integer(at: i), n.value > 0, n.value < 100 else { return nil }
        if isWord(n.end, "times") || isWord(n.end, "time") { return Parsed(n.value, end: n.end + 1) }
        if let x = at(n.end), matches(x, "x"), x.attached { return Parsed(n.value, end: n.end + 1) }
        return nil
    }
}
