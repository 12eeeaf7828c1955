import Diagnostics
import RegistryModel
import ScheduleExtraction
import ScheduleModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the rules on records and applies the configuration: which rules run, at what severity.
///
/// Protocol rules run only when there is a protocol to check against. The record's schedule facts are
/// extracted only when a rule that reads them (a consistency or protocol rule) runs.
public struct ValidationEngine: Sendable {
    /// The rules that run, in catalogue order, each with its configured severity.
    public let rules: [(rule: any Rule, severity: Severity)]
    public let configuration: Configuration
    /// The day rules that compare with the calendar treat as today.
    public let today: PartialDate
    /// The protocol records are checked against.
    public let studyProtocol: StudyProtocol?
    private let extractor: ScheduleExtractor?
    /// The id of each rule in `rules`: a rule's description is a large value, copied on every read.
    private let ruleIDs: [String]
    /// Each rule's check, bound to the rule's own type: calling a rule through `any Rule` copied its
    /// existential box out of the array and destroyed it again, for every rule of every record.
    private let checks: [@Sendable (RuleContext) -> [Finding]]

    public init(
        rules: [any Rule] = RuleCatalog.all, configuration: Configuration = Configuration(), today: PartialDate,
        protocol studyProtocol: StudyProtocol? = nil
    ) {
        self.rules = rules.compactMap { rule in
            if rule.ruleDescription.family == .protocol, studyProtocol == nil { return nil }
            return configuration.severity(for: rule.ruleDescription).map { (rule, $0) }
        }
        self.ruleIDs = self.rules.map(\.rule.ruleDescription.id)
        self.checks = self.rules.map { entry -> @Sendable (RuleContext) -> [Finding] in
            let rule: any Rule = entry.rule
            return ValidationEngine.check(of: rule)
        }
        self.configuration = configuration
        self.today = today
        self.studyProtocol = studyProtocol
        self.extractor = self.rules.contains { $0.rule.ruleDescription.family != .registry } ? ScheduleExtractor() : nil
    }

    /// The rules that run, as renderers describe them.
    public var activeRules: [RuleInfo] { rules.map(\.rule.ruleDescription.info) }

    /// Checks one record; the diagnostics come in file order.
    public func check(_ record: consuming Record) -> [Diagnostic] {
        let facts = extractor?.extract(record.study) ?? []
        return check(record, facts: facts)
    }

    /// Checks one record whose schedule facts have been extracted already.
    ///
    /// The record is taken over, not lent: the rules' context keeps it, and a record lent would be copied
    /// into it, each of its strings and arrays retained, and released again when the context goes. A
    /// caller done with the record hands it over without a copy.
    public func check(_ record: consuming Record, facts: [Fact]) -> [Diagnostic] {
        let context = RuleContext(record: record, today: today, facts: facts, protocol: studyProtocol)
        var diagnostics: [Diagnostic] = []
        for k in checks.indices {
            let findings = checks[k](context)
            if findings.isEmpty { continue }
            for finding in findings {
                diagnostics.append(
                    Diagnostic(
                        ruleID: ruleIDs[k], severity: rules[k].severity, message: finding.message,
                        file: context.record.source.path, recordIndex: context.record.source.index, nctID: context.study.nctId,
                        fieldPath: finding.place.path,
                        start: finding.place.start, end: finding.place.end, notes: finding.notes, fix: finding.fix))
            }
        }
        return diagnostics.sorted { a, b in
            switch (a.start, b.start) {
            case (let x?, let y?) where x != y: x < y
            case (nil, _?): true
            case (_?, nil): false
            default: (a.ruleID, a.message) < (b.ruleID, b.message)
            }
        }
    }

    /// The check of `rule`, opened from its existential once.
    private static func check<R: Rule>(of rule: R) -> @Sendable (RuleContext) -> [Finding] {
        { rule.check($0) }
    }

    /// Today's date in UTC.
    public static func currentDate() -> PartialDate {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return PartialDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}
