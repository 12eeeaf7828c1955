import Diagnostics
import RegistryModel
import ScheduleExtraction
import ScheduleModel

/// The protocol a record's own text implies: what `ctlint baseline` writes.
///
/// The schedule builder lays the record's facts out (`ScheduleBuilder`); then every promise the record
/// itself contradicts or does not state, as `ctlint check --protocol` would report it, is left out, until
/// the record checks clean against its own baseline. A record that contradicts itself (two numbers of
/// administrations for one intervention, a masking field that says open-label under a text that says
/// double-blind) thus gives a baseline without the contested promise, and `notes` says what was left out
/// and why.
public enum ProtocolBaseline {
    /// The baseline of `record`, and what was left out.
    public static func build(for record: Record, extractor: ScheduleExtractor = ScheduleExtractor()) -> ScheduleBuilder.Result {
        let facts = extractor.extract(record.study)
        let built = ScheduleBuilder(facts: facts, study: record.study).build(study: record.study.nctId)
        var schedule = built.schedule
        var notes = built.notes
        // Each round removes at least one kind of promise, so the rounds are bounded by the kinds.
        for _ in 0..<RuleCatalog.protocol.count {
            let engine = ValidationEngine(rules: RuleCatalog.protocol, today: Example.asOf, protocol: schedule)
            let findings = engine.check(record, facts: facts)
            guard !findings.isEmpty else { break }
            let context = RuleContext(record: record, today: Example.asOf, facts: facts, protocol: schedule)
            for (rule, diagnostics) in Dictionary(grouping: findings, by: \.ruleID).sorted(by: { $0.key < $1.key }) {
                let what = prune(&schedule, for: rule, context)
                notes.append("\(what): \(diagnostics[0].message)\(diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more)" : "")")
            }
        }
        return ScheduleBuilder.Result(schedule: schedule, notes: notes)
    }

    /// Removes the promises a protocol rule found the record contradicting or not stating; says which.
    private static func prune(_ schedule: inout StudyProtocol, for rule: String, _ context: RuleContext) -> String {
        func eachIntervention(_ change: (inout ProtocolIntervention) -> Void) {
            for k in schedule.interventions.indices { change(&schedule.interventions[k]) }
        }
        switch rule {
        case DoseMismatch.description.id, DoseMissing.description.id:
            eachIntervention { $0.doses = [] }
            return "the doses"
        case RouteMismatch.description.id, RouteMissing.description.id:
            eachIntervention { $0.routes = [] }
            return "the routes"
        case AdministrationCountMismatch.description.id, AdministrationCountMissing.description.id:
            // A schedule promises its number of administrations too.
            eachIntervention {
                $0.administrations = nil
                $0.schedule = []
            }
            return "the numbers of administrations and the schedules"
        case CycleMismatch.description.id, CycleMissing.description.id:
            eachIntervention {
                $0.cycles = nil
                $0.schedule = []
            }
            return "the cycles and the schedules"
        case IntervalMismatch.description.id, IntervalMissing.description.id:
            eachIntervention { $0.schedule = [] }
            return "the schedules"
        case WindowMismatch.description.id, WindowMissing.description.id:
            eachIntervention { intervention in
                for k in intervention.schedule.indices { intervention.schedule[k].window = nil }
            }
            for k in schedule.timepoints.indices { schedule.timepoints[k].window = nil }
            return "the windows"
        case TimepointMismatch.description.id, TimepointMissing.description.id:
            schedule.timepoints = []
            return "the timepoints"
        case PeriodMismatch.description.id, PeriodMissing.description.id:
            schedule.periods = []
            return "the periods"
        default:
            let stated = context.statedDesign.map(\.feature)
            schedule.design = schedule.design.filter { feature in
                stated.contains(feature) && !stated.contains { DesignFeature.contradict($0, feature) }
            }
            return "the design features the record contradicts or does not state"
        }
    }
}
