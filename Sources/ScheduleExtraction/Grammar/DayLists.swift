import ScheduleModel

/// One item of a list of days: a day or a run of days, and its tokens.
struct DayItem {
    var days: DayRange
    var tokens: Range<Int>
}

enum DayLists {
    static let dayWords = WordSet(["day", "days", "d"])
    static let through = WordSet(["to", "through", "thru", "until", "till"])
    static let andOr = WordSet(["and", "or"])
    /// What may follow a bare number for it to still be a day: the end of an item in telegraphic text.
    static let unitLike = WordSet([
        "mg", "g", "ml", "hours", "hour", "hr", "hrs", "h", "minutes", "min", "weeks", "week", "months", "month",
        "years", "year", "days", "doses", "dose", "times", "cycles", "courses", "tablets", "capsules",
        "x", "ug", "mcg", "units", "iu", "gy", "cgy", "%", "fractions", "mm", "cm", "kg", "l", "weekly", "daily",
    ])
}

extension FieldText {
    /// A list of days after `day`/`days`/`D` at `i` (the number's index): `1, 8, and 15`, `1-5`,
    /// `1 through 5`, `-4, -3, -2, and -1`, `1 to day 7`, `1/D8`, `1-4, 9-12, 17-20`.
    func dayList(at i: Int, bare: Bool) -> [DayItem]? {
        guard let first = dayItem(at: i, bare: bare) else { return nil }
        var items = [first]
        var j = first.tokens.upperBound
        while j < count {
            var k = j
            if isSymbol(k, "*") { k += 1 }  // `1 - 21*, 22 - 28`: a footnote mark
            var separated = false
            while isSymbol(k, ",") || isSymbol(k, "/") || isSymbol(k, "&") || isWord(k, DayLists.andOr)
                || isSymbol(k, "+") && isWord(k + 1, DayLists.dayWords)
            {
                k += 1
                separated = true
            }
            guard separated else { break }
            // `D1/D8`, `day 4 and day 7`: the day word starts the next item.
            let start = k
            if isWord(k, DayLists.dayWords) { k += 1 }
            guard var item = dayItem(at: k, bare: bare) else { break }
            // `on day 1 and 3, 10 and 5 mg/kg on …`: the list has turned into doses.
            if isAmountList(after: item.tokens.upperBound) { break }
            item.tokens = start..<item.tokens.upperBound
            items.append(item)
            j = item.tokens.upperBound
        }
        return items
    }

    /// A day or a run of days at `i`: `8`, `-4`, `- 14`, `1-5`, `1 through 5`, `1 to day 7`, `29 and 42`
    /// (after `between`, which the caller handles).
    private func dayItem(at i: Int, bare: Bool) -> DayItem? {
        guard let a = signedInteger(at: i), a.value >= -100, a.value <= 400 else { return nil }
        if let t = at(a.end - 1), t.flags.contains(.decimal) { return nil }
        var j = a.end
        if let sep = daySeparator(at: j) {
            var k = sep
            if isWord(k, DayLists.dayWords) { k += 1 }
            // `days 1-5.5`: a span this reader does not write as days.
            if let b = at(k), b.isNumber, b.flags.contains(.decimal) { return nil }
            if let b = signedInteger(at: k), b.value > a.value, b.value <= 400, !isUnitAfter(b.end) {
                return DayItem(days: DayRange(a.value, b.value), tokens: i..<b.end)
            }
        }
        if isUnitAfter(j) { return nil }
        // `D5W`, `5HT3`: a code, not a day.
        if let w = at(j), w.attached, w.isWord { return nil }
        // `5-fluorouracil`, `5-FU`: a name, not a day.
        if isSymbol(j, "-"), let s = at(j), s.attached, let w = at(j + 1), w.attached, w.isWord { return nil }
        if bare, isSymbol(j, ".") , isNumber(j + 1) { return nil }
        j = a.end
        return DayItem(days: DayRange(a.value), tokens: i..<j)
    }

    private func daySeparator(at i: Int) -> Int? {
        if isSymbol(i, "-") || isSymbol(i, "~") { return i + 1 }
        if isWord(i, DayLists.through) { return i + 1 }
        return nil
    }

    /// `and 5 mg/kg` after `i`: the number before was the first of a list of amounts.
    private func isAmountList(after i: Int) -> Bool {
        guard isWord(i, DayLists.andOr) || isSymbol(i, ",") || isSymbol(i, "&"), isNumber(i + 1) else { return false }
        return isUnitAfter(i + 2)
    }

    /// Whether a unit or a count noun follows `i`, so the number before it is not a day.
    func isUnitAfter(_ i: Int) -> Bool {
        guard let t = at(i) else { return false }
        if t.isWord, DayLists.unitLike.contains(t.hash) { return true }
        if t.isWord, Doses.baseUnits[t.hash] != nil { return true }
        if t.isSymbol(UInt8(ascii: "%")) { return true }
        return false
    }
}
