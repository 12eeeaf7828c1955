/// A calendar date known to the year, the month or the day, as registry dates are.
///
/// "2025-02" is February 2025, not its first or last day: precision is data. Comparisons between
/// dates of different precision are made on the span each date covers (`firstDay`, `lastDay`).
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Precision: String, Sendable, Hashable, Codable, Comparable {
        case year, month, day

        public static func < (lhs: Precision, rhs: Precision) -> Bool {
            let order: [Precision] = [.year, .month, .day]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Creates a date, or `nil` when the parts are not a real calendar date (a day without a month,
    /// month 13, 31 April, 29 February outside a leap year).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// ISO 8601 at the date's own precision: `2025`, `2025-02`, `2025-02-14`.
    public var description: String {
        var out = String(format4(year))
        if let month { out += "-" + format2(month) }
        if let day { out += "-" + format2(day) }
        return out
    }

    /// The first day the date covers.
    public var firstDay: DayNumber { DayNumber(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day the date covers.
    public var lastDay: DayNumber {
        let m = month ?? 12
        return DayNumber(year: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year))
    }

    /// `true` when every day this date covers is before every day `other` covers.
    public func isCertainlyBefore(_ other: PartialDate) -> Bool { lastDay < other.firstDay }

    /// Reads the API v2 `PartialDate` forms `yyyy`, `yyyy-MM` and `yyyy-MM-dd`, exactly.
    public static func parseISO(_ text: String) -> PartialDate? {
        // Read from the string's bytes in place: walking its UTF-8 view index by index cost a thousand
        // instructions a date, and every record's dates are read.
        let parsed = text.utf8.withContiguousStorageIfAvailable { PartialDate.parseISO(utf8: $0) }
        return parsed ?? Array(text.utf8).withUnsafeBufferPointer { PartialDate.parseISO(utf8: $0) }
    }

    /// `parseISO(_:)` of UTF-8 bytes.
    private static func parseISO(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        // Byte by byte: `dddd`, `dddd-dd` or `dddd-dd-dd`, the only texts whose parts split at `-` have the
        // widths 4, 2, 2 and hold only digits.
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
        var numbers = (0, 0, 0)
        for k in 0..<bytes.count {
            let byte = bytes[k]
            if k == 4 || k == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (48...57).contains(byte) else { return nil }
            let digit = Int(byte - 48)
            switch k {
            case 0..<4: numbers.0 = numbers.0 * 10 + digit
            case 5..<7: numbers.1 = numbers.1 * 10 + digit
            default: numbers.2 = numbers.2 * 10 + digit
            }
        }
        return PartialDate(
            year: numbers.0, month: bytes.count > 4 ? numbers.1 : nil, day: bytes.count > 7 ? numbers.2 : nil)
    }

    /// Reads the legacy XML and classic JSON forms: "March 4, 2021", "March 2021", "2021".
    public static func parseLegacy(_ text: String) -> PartialDate? {
        if let read = text.utf8.withContiguousStorageIfAvailable(parseLegacyASCII), let read { return read }
        return parseLegacyWords(text)
    }

    /// `parseLegacy` by words: for text that is not ASCII or not stored contiguously, and the reference that
    /// the byte reading of ASCII text is tested against.
    static func parseLegacyWords(_ text: String) -> PartialDate? {
        // ASCII text is split by bytes, which needs no grapheme breaking; other text by characters.
        let words: [Substring] =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") }).map { Substring($0) }
            : text.split(whereSeparator: { $0 == " " || $0 == "," })
        switch words.count {
        case 1:
            guard words[0].utf8.count == 4, let year = Int(words[0]) else { return nil }
            return PartialDate(year: year)
        case 2:
            guard let month = monthNumber(words[0]), words[1].utf8.count == 4, let year = Int(words[1]) else { return nil }
            return PartialDate(year: year, month: month)
        case 3:
            guard let month = monthNumber(words[0]), let day = Int(words[1]), words[2].utf8.count == 4,
                let year = Int(words[2])
            else { return nil }
            return PartialDate(year: year, month: month, day: day)
        default:
            return nil
        }
    }

    /// `parseLegacy` of ASCII text, read from its bytes: the words between spaces and commas, month names
    /// and numbers read in place, with no array of words, no lowercased copies and no strings of digits;
    /// `.none` for other text. Readers parse every legacy date of every record.
    private static func parseLegacyASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> PartialDate?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") }
        var words = (0..<0, 0..<0, 0..<0)
        var count = 0
        var k = 0
        while k < bytes.count {
            guard !isSeparator(bytes[k]) else {
                k += 1
                continue
            }
            var end = k
            while end < bytes.count, !isSeparator(bytes[end]) { end += 1 }
            switch count {
            case 0: words.0 = k..<end
            case 1: words.1 = k..<end
            case 2: words.2 = k..<end
            // No form has more than three words.
            default: return .some(nil)
            }
            count += 1
            k = end
        }
        /// The number a word spells, as `Int(String)` reads it: a sign, then at least one digit, and no overflow.
        func integer(_ word: Range<Int>) -> Int? {
            var k = word.lowerBound
            let negative = k < word.upperBound && bytes[k] == UInt8(ascii: "-")
            if k < word.upperBound, negative || bytes[k] == UInt8(ascii: "+") { k += 1 }
            guard k < word.upperBound else { return nil }
            var value = 0
            while k < word.upperBound {
                guard bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") else { return nil }
                let digit = Int(bytes[k] - UInt8(ascii: "0"))
                let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
                let (next, overflowedAgain) =
                    negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflowed, !overflowedAgain else { return nil }
                value = next
                k += 1
            }
            return value
        }
        /// The month a word names, as `monthNumber` reads it: at least three letters that begin a month's
        /// name, in any case.
        func month(_ word: Range<Int>) -> Int? {
            guard word.count >= 3 else { return nil }
            return lowercasedMonthNameBytes.firstIndex { name in
                guard name.count >= word.count else { return false }
                for k in word {
                    let byte = bytes[k]
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    guard name[k - word.lowerBound] == lower else { return false }
                }
                return true
            }.map { $0 + 1 }
        }
        switch count {
        case 1:
            guard words.0.count == 4, let year = integer(words.0) else { return .some(nil) }
            return PartialDate(year: year)
        case 2:
            guard let month = month(words.0), words.1.count == 4, let year = integer(words.1) else { return .some(nil) }
            return PartialDate(year: year, month: month)
        case 3:
            guard let month = month(words.0), let day = integer(words.1), words.2.count == 4, let year = integer(words.2)
            else { return .some(nil) }
            return PartialDate(year: year, month: month, day: day)
        default:
            return .some(nil)
        }
    }

    /// `monthNames` lowercased, as bytes.
    private static let lowercasedMonthNameBytes = monthNames.map { Array($0.lowercased().utf8) }

    /// Reads either form: ISO first, then the legacy month-name form.
    public static func parse(_ text: String) -> PartialDate? {
        let trimmed = text.trimmingWhitespace()
        return parseISO(trimmed) ?? parseLegacy(trimmed)
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The legacy spelling: "March 4, 2021", "March 2021" or "2021".
    public var legacyDescription: String {
        guard let month else { return String(year) }
        let name = PartialDate.monthNames[month - 1]
        if let day { return "\(name) \(day), \(year)" }
        return "\(name) \(year)"
    }

    static func monthNumber(_ word: Substring) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        return lowercasedMonthNames.firstIndex(where: { $0.hasPrefix(lower) }).map { $0 + 1 }
    }

    /// `monthNames` lowercased once, rather than for every date read.
    private static let lowercasedMonthNames = monthNames.map { $0.lowercased() }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A day as a count of days since 0001-01-01 in the proleptic Gregorian calendar, for date arithmetic
/// without time zones.
public struct DayNumber: Sendable, Hashable, Comparable, Codable {
    public let value: Int

    public init(value: Int) { self.value = value }

    public init(year: Int, month: Int, day: Int) {
        // Days-from-civil (H. Hinnant), shifted so that 0001-01-01 is day 0.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        value = era * 146097 + doe - 306
    }

    public static func < (lhs: DayNumber, rhs: DayNumber) -> Bool { lhs.value < rhs.value }

    public static func - (lhs: DayNumber, rhs: DayNumber) -> Int { lhs.value - rhs.value }
}

/// A date field as the record states it: the text as written, and the date it means when it is one.
public struct DateValue: Sendable, Hashable {
    /// The text as the record holds it.
    public let raw: String
    /// The date, or `nil` when the text is not a date in any form the formats use.
    public let date: PartialDate?

    public init(raw: String, date: PartialDate?) {
        self.raw = raw
        self.date = date
    }

    /// Reads either the ISO or the legacy form.
    public init(parsing raw: String) {
        self.raw = raw
        self.date = PartialDate.parse(raw)
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
private func format4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

extension String {
    /// The string without leading and trailing white space (including line breaks and no-break spaces).
    public func trimmingWhitespace() -> String {
        // Most values start and end with plain ASCII: then there is nothing to trim, and no scalar's
        // Unicode properties to look up. The ends are read from the bytes in place where the string has
        // them: its UTF-8 view's `last` alone cost more than the rest of the check.
        if utf8.withContiguousStorageIfAvailable(Self.hasPlainEnds) ?? Self.hasPlainEnds(utf8) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// Whether `bytes` are not empty and start and end with plain ASCII (`isPlainASCII`).
    private static func hasPlainEnds(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isPlainASCII(first) && isPlainASCII(last)
    }

    /// An ASCII byte that is not white space (tab, line feed, vertical tab, form feed, carriage return,
    /// space: the ASCII scalars with the Unicode White_Space property).
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }
}
