import RegistryModel

/// One of a study's milestone dates, named as messages name it.
struct MilestoneDate {
    let name: String
    let value: DateStruct

    var date: PartialDate? { value.date.value.date }
    var type: DateType? { value.type?.value.code }
}

extension Status {
    /// Start, primary completion and completion, in that order, for those the record states.
    var milestones: [MilestoneDate] {
        var list: [MilestoneDate] = []
        forEachMilestone { list.append($0) }
        return list
    }

    /// Calls `body` with each of `milestones` in turn, building no arrays: rules that ask of every record
    /// use this.
    func forEachMilestone(_ body: (MilestoneDate) -> Void) {
        if let startDate { body(MilestoneDate(name: "start date", value: startDate)) }
        if let primaryCompletionDate { body(MilestoneDate(name: "primary completion date", value: primaryCompletionDate)) }
        if let completionDate { body(MilestoneDate(name: "completion date", value: completionDate)) }
    }

    /// The day the record was last updated, when it says so.
    var lastUpdate: PartialDate? { lastUpdatePostDate?.date.value.date }
}

extension PartialDate {
    /// Whether the date, at its own precision, is written in the form `format` uses: ISO `yyyy[-MM[-dd]]`
    /// for API v2 and the upload XML, "Month [d, ]yyyy" for legacy XML and classic JSON; module text
    /// takes either.
    static func isWritten(_ raw: String, asIn format: RecordFormat) -> Bool {
        let text = raw.trimmingWhitespace()
        switch format {
        case .jsonV2, .uploadXML: return parseISO(text) != nil
        case .xmlLegacy, .jsonClassic: return isLegacyForm(text) ?? (parseLegacy(text) != nil)
        case .moduleText: return parse(text) != nil
        }
    }

    /// `parseLegacy(text) != nil` for ASCII text, read from its bytes: the words between spaces and commas,
    /// month names and numbers read in place, with no array of words, no lowercased copies and no strings of
    /// digits; `nil` for other text. Every record's dates are checked, and parsing them took most of the date
    /// rules' time.
    static func isLegacyForm(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
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
                // No form has more than three words: a fourth settles the answer.
                default: return false
                }
                count += 1
                k = end
            }
            /// The number a word spells, as `Int(String)` reads it: a sign, then at least one digit, and no
            /// overflow.
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
                return lowercasedMonthNames.firstIndex { name in
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
                guard words.0.count == 4, let year = integer(words.0) else { return false }
                return PartialDate(year: year) != nil
            case 2:
                guard let month = month(words.0), words.1.count == 4, let year = integer(words.1) else { return false }
                return PartialDate(year: year, month: month) != nil
            case 3:
                guard let month = month(words.0), let day = integer(words.1), words.2.count == 4, let year = integer(words.2)
                else { return false }
                return PartialDate(year: year, month: month, day: day) != nil
            default:
                return false
            }
        }
    }

    /// The month names lowercased, as bytes.
    private static let lowercasedMonthNames = monthNames.map { Array($0.lowercased().utf8) }

    /// The expected form in words, for messages.
    static func formDescription(for format: RecordFormat) -> String {
        switch format {
        case .jsonV2, .uploadXML: "yyyy, yyyy-MM or yyyy-MM-dd"
        case .xmlLegacy, .jsonClassic: "\"Month yyyy\" or \"Month d, yyyy\""
        case .moduleText: "yyyy-MM-dd or \"Month d, yyyy\""
        }
    }
}
