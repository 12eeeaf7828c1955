import ArgumentParser
import Diagnostics
import Validation

/// `ctlint rules [ID]`: lists every rule, or explains one with its examples.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the rules, or explain one.",
        discussion: "Without an ID, prints every rule's id, family, default severity and summary. With an ID, prints its rationale, source and examples."
    )

    @Argument(help: "The id of a rule to explain, such as single-group-arm-count.")
    var id: String?

    func validate() throws {
        if let id, RuleCatalog.rule(id: id) == nil {
            let hint = Configuration.closest(to: id, among: RuleCatalog.descriptions.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
            throw ValidationError("unknown rule `\(id)`\(hint) (`ctlint rules` lists them)")
        }
    }

    func run() throws {
        let out = FileHandleOutput.standardOutput
        guard let id, let rule = RuleCatalog.rule(id: id) else {
            out.write(Rules.table(RuleCatalog.descriptions))
            return
        }
        out.write(Rules.explain(rule.ruleDescription))
    }

    /// One line per rule, in aligned columns.
    static func table(_ rules: [RuleDescription]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 0
        let familyWidth = rules.map(\.family.rawValue.count).max() ?? 0
        return rules.map { rule in
            pad(rule.id, idWidth) + "  " + pad(rule.family.rawValue, familyWidth) + "  " + pad(rule.defaultSeverity.rawValue, 7)
                + "  " + rule.summary
        }.joined(separator: "\n") + "\n"
    }

    /// The rule's full description and its examples.
    static func explain(_ rule: RuleDescription) -> String {
        var out = "\(rule.id) (\(rule.family.rawValue), \(rule.defaultSeverity.rawValue))\n\n"
        out += rule.summary + "\n\n" + rule.rationale + "\n\nSource: " + rule.source + "\n"
        func section(_ title: String, _ examples: [Example]) {
            guard !examples.isEmpty else { return }
            out += "\n\(title)\n"
            for example in examples {
                out += "\n" + indented(example.source)
                if let protocolFile = example.protocolFile { out += "    checked against the protocol:\n" + indented(protocolFile, by: 6) }
                if let path = example.path { out += "    (finding at \(path))\n" }
            }
        }
        section("Triggering examples (\(Example.marker) marks where the finding starts):", rule.triggeringExamples)
        section("Non-triggering examples:", rule.nonTriggeringExamples)
        out += "\nExamples are checked as of \(Example.asOf).\n"
        return out
    }

    private static func indented(_ text: String, by width: Int = 4) -> String {
        let margin = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { margin + $0 }.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
