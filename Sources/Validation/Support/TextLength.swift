import Diagnostics
import RegistryModel

extension RuleContext {
    /// A finding when `field` is longer than `limit` characters, placed on the text past the limit.
    ///
    /// Characters are Unicode scalars of the source markup. Legacy XML hard-wraps text blocks at about
    /// 100 columns with a 6-space indent (registry-facts R34), which the registry did not count: there a
    /// line break and the white space around it count as one character.
    public func lengthFinding(_ field: TextField?, limit: Int, name: String) -> Finding? {
        // A text counts no more characters than it has UTF-8 bytes: most texts are measured by their size.
        guard let field, field.value.utf8.count > limit,
            MeasuredText.count(of: field.value, unwrapping: format == .xmlLegacy) > limit
        else { return nil }
        let measure = MeasuredText(field.value, unwrapping: format == .xmlLegacy)
        let over = measure.count - limit
        return Finding(
            "\(name) is \(grouped(measure.count)) characters long; the limit is \(grouped(limit))",
            at: place(of: field, fromScalar: measure.scalarOffset(ofCharacter: limit)),
            fix: FixIt("shorten it by at least \(grouped(over)) character\(over == 1 ? "" : "s")"))
    }

    /// A finding when a required text field is absent or blank, in a complete record.
    ///
    /// `path` is built only for a finding: most records give their required fields.
    public func missingFinding(
        _ field: TextField?, path: @autoclosure () -> FieldPath, module: FieldPath, name: String, plural: Bool = false
    ) -> Finding? {
        guard isComplete else { return nil }
        let verb = plural ? "are" : "is"
        if let field {
            guard field.value.isBlank else { return nil }
            return Finding("\(name) \(verb) empty", at: place(of: field))
        }
        return Finding("\(name) \(verb) missing", at: place(ofMissing: path(), in: module))
    }
}

/// A text measured as the registry counts it.
struct MeasuredText {
    /// For each counted character, the index of its first Unicode scalar in the text.
    private let starts: [Int]
    private let scalarCount: Int

    /// With `unwrapping`, white space around a line break counts as one character (two for a paragraph
    /// break), and white space at the ends of the text does not count.
    init(_ text: String, unwrapping: Bool) {
        let scalars = Array(text.unicodeScalars)
        var starts: [Int] = []
        starts.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            guard unwrapping, MeasuredText.isBlank(scalars[i]) else {
                starts.append(i)
                i += 1
                continue
            }
            var j = i
            var breaks = 0
            while j < scalars.count, MeasuredText.isBlank(scalars[j]) {
                if scalars[j] == "\n" { breaks += 1 }
                j += 1
            }
            if i == 0 || j == scalars.count {
                // White space at either end of a text block is layout, not text.
            } else if breaks == 0 {
                starts.append(contentsOf: i..<j)
            } else {
                starts.append(contentsOf: Array(repeating: i, count: min(breaks, 2)))
            }
            i = j
        }
        self.starts = starts
        self.scalarCount = scalars.count
    }

    var count: Int { starts.count }

    /// `MeasuredText(text, unwrapping:).count`, counted as the text is read, with no array of scalars or of
    /// starts: a text longer than its limit in bytes is most often within it in characters.
    static func count(of text: String, unwrapping: Bool) -> Int {
        guard unwrapping else { return text.unicodeScalars.count }
        var count = 0
        // The blank run at hand: whether there is one, whether it starts the text, its length and line breaks.
        var inRun = false
        var runStartsText = false
        var runLength = 0
        var breaks = 0
        var atStart = true
        for scalar in text.unicodeScalars {
            if isBlank(scalar) {
                if !inRun {
                    inRun = true
                    runStartsText = atStart
                    runLength = 0
                    breaks = 0
                }
                runLength += 1
                if scalar == "\n" { breaks += 1 }
            } else {
                if inRun, !runStartsText { count += breaks == 0 ? runLength : min(breaks, 2) }
                inRun = false
                count += 1
            }
            atStart = false
        }
        // White space at the end of the text does not count.
        return count
    }

    /// The scalar offset where the `n`-th counted character (0-based) starts.
    func scalarOffset(ofCharacter n: Int) -> Int { n < starts.count ? starts[n] : scalarCount }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

/// `5000` → `5,000`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, digit) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return n < 0 ? "-" + out : out
}
