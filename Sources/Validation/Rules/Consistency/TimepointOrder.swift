import Diagnostics
import ScheduleModel

/// A list of timepoints runs in time order.
public struct TimepointOrder: Rule {
    public static let description = RuleDescription(
        id: "timepoint-order",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "A list of timepoints from one anchor (D14, M1, M2, …) runs in time order.",
        rationale: """
            Schedules list their assessments in time order. In a list of three or more timepoints counted \
            from the same anchor (`D14, M1, M3, M2 and M12`: nothing but commas, `and` or `or` between them), \
            a timepoint earlier than the one before it is usually a mistyped label or offset. Separate lists \
            in one sentence (`weeks 4, 9 and 18 of treatment and months 3, 6 and 12 of follow-up`) are not \
            compared with each other.
            """,
        source: "ctlint schedule consistency",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "After all treatments were completed, safety was evaluated at D14, M1, M3, ↓M2 and M12 during the follow-up period."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "After all treatments were completed, safety was evaluated at D14, M1, M2, M3 and M12 during the follow-up period."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let facts = context.facts
        for run in Self.lists(in: context) where run.count >= 3 {
            for (previous, next) in zip(run, run.dropFirst()) where next.offset.days < previous.offset.days {
                let (previousFact, nextFact) = (facts[previous.index], facts[next.index])
                findings.append(
                    Finding(
                        "the timepoint «\(nextFact.text)» (\(next.offset)) comes after «\(previousFact.text)» (\(previous.offset)) in the list, but falls before it",
                        at: context.place(of: nextFact), notes: [context.note("the timepoint before it", at: previousFact)],
                        fix: FixIt("correct the timepoint, or put the list in time order")))
            }
        }
        return findings
    }

    /// A timepoint of a list: the index of its fact in the context's facts, and its offset from the anchor.
    struct Listed {
        let index: Int
        let offset: ISODuration
    }

    /// Lists of timepoints with one anchor, in text order: runs with nothing but separators between them.
    static func lists(in context: RuleContext) -> [[Listed]] {
        // Facts are read in place, by index, and named by index in the lists: copying each fact out to ask its
        // kind, or to keep it in a list, was most of this rule's cost.
        let facts = context.facts
        var runs: [[Listed]] = []
        var last: Int?
        for k in facts.indices where facts[k].kind == .timepoint {
            guard case .duration(let range) = facts[k].value, range.upper == nil else { continue }
            let item = Listed(index: k, offset: range.lower)
            if let last, facts[last].field == facts[k].field, facts[last].anchor == facts[k].anchor,
                onlySeparators(between: last, and: k, of: facts, context)
            {
                runs[runs.count - 1].append(item)
            } else {
                runs.append([item])
            }
            last = k
        }
        return runs
    }

    /// Words that join the items of a list.
    static let joiners: Set<String> = ["and", "or", "then"]

    /// `true` when the text between facts `a` and `b` of one field is only commas, spaces and joining words.
    ///
    /// The facts are named by index and read in place: passed as values, both were copied out of the array,
    /// each a dozen strings and arrays retained, for every two timepoints next to each other.
    static func onlySeparators(between a: Int, and b: Int, of facts: [Fact], _ context: RuleContext) -> Bool {
        let end = facts[a].utf8Range.upperBound, start = facts[b].utf8Range.lowerBound
        // Facts out of order have no text between them: that is known before the field is looked up.
        guard end <= start else { return false }
        return context.withUTF8(of: facts[a].field) { utf8 in
            guard start <= utf8.count else { return false }
            return onlySeparators(UnsafeBufferPointer(rebasing: utf8[end..<start]))
        } ?? false
    }

    /// `true` when UTF-8 text is only commas, spaces, tabs, line feeds and carriage returns, and joining
    /// words. Text in ASCII is read byte by byte, building no strings; other text, and text with a carriage
    /// return (in `\r\n`, one character, which separates nothing), character by character.
    static func onlySeparators(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A byte of ASCII that is neither a separator nor a letter puts into some word a character no joiner
        // has, however the text is split: the answer is `false` from there, and most text between two
        // timepoints that are not a list shows one within a few bytes.
        var ascii = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case 0x0D, 0x80...:
                ascii = false
            default:
                return false
            }
        }
        guard ascii else {
            let words = String(decoding: bytes, as: UTF8.self).split {
                $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t"
            }
            return words.allSatisfy { joiners.contains($0.lowercased()) }
        }
        var start = 0
        for k in 0...bytes.count {
            if k < bytes.count {
                switch bytes[k] {
                case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"): break
                default: continue
                }
            }
            if k > start, !isJoiner(UnsafeBufferPointer(rebasing: bytes[start..<k])) { return false }
            start = k + 1
        }
        return true
    }

    /// Whether ASCII `word` is one of `joiners`, in any case.
    private static func isJoiner(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        func spells(_ joiner: StaticString) -> Bool {
            guard word.count == joiner.utf8CodeUnitCount else { return false }
            for k in 0..<word.count {
                let byte = word[k]
                let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                guard lower == joiner.utf8Start[k] else { return false }
            }
            return true
        }
        return spells("and") || spells("or") || spells("then")
    }
}
