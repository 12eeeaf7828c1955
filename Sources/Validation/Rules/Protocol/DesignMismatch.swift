import Diagnostics
import RegistryModel
import ScheduleModel

/// No design feature the record states contradicts one the protocol gives.
public struct DesignMismatch: Rule {
    public static let description = RuleDescription(
        id: "design-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "No design feature the record states, in its text or its design fields, contradicts one the protocol gives.",
        rationale: """
            A protocol that is single-arm, single-center and open-label cannot describe a record that says \
            randomized, multicenter or double-blind. Features contradict in pairs: single-arm against \
            randomized, parallel and crossover; randomized against non-randomized; single-center against \
            multicenter; open-label against single- and double-blind; single- against double-blind; parallel \
            against crossover. The design fields count as statements too: the SINGLE_GROUP, PARALLEL and \
            CROSSOVER models, RANDOMIZED and NON_RANDOMIZED allocation, and masking (NONE is open-label, \
            SINGLE single-blind, DOUBLE or more double-blind).
            """,
        source: "ctlint protocol file, `design` (Docs/protocol-file.md); DED Interventional Study Model, Allocation, Masking",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "This is a ↓multicenter study of mesenchymal stem cells."}}}
                """#,
                protocol: """
                    design: [single-arm, single-center]
                    """),
            Example(
                #"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "↓RANDOMIZED", "interventionModel": "PARALLEL"}}}}
                """#,
                protocol: """
                    design: [non-randomized]
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "This is a single-arm, single-center, open-label study."}}}
                """#,
                protocol: """
                    design: [single-arm, single-center]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let promised = comparison.promised.design
        return context.statedDesign.compactMap { stated in
            guard let conflict = promised.first(where: { DesignFeature.contradict(stated.feature, $0) }) else { return nil }
            return Finding(
                "\(stated.source) says the study is \(stated.feature.rawValue); the protocol says it is \(conflict.rawValue)",
                at: stated.place, fix: FixIt("correct the record's design, or update the protocol if the study changed it"))
        }
    }
}

/// A design feature a record states, and where.
struct StatedDesign {
    let feature: DesignFeature
    /// `the brief summary` or `the intervention model SINGLE_GROUP`.
    let source: String
    let place: Place
}

extension RuleContext {
    /// The design features the record states: in its text, and in its design fields.
    var statedDesign: [StatedDesign] {
        var stated = facts.compactMap { fact -> StatedDesign? in
            guard case .design(let feature) = fact.value else { return nil }
            return StatedDesign(feature: feature, source: "\(fieldName(fact.field)) («\(fact.text)»)", place: place(of: fact))
        }
        let design = study.design
        if let model = design.interventionModel, let code = model.value.code {
            let feature: DesignFeature? =
                switch code {
                case .singleGroup: .singleArm
                case .parallel: .parallel
                case .crossover: .crossover
                default: nil
                }
            if let feature { stated.append(StatedDesign(feature: feature, source: "the intervention model \(code.rawValue)", place: place(of: model))) }
        }
        if let allocation = design.allocation, let code = allocation.value.code {
            let feature: DesignFeature? =
                switch code {
                case .randomized: .randomized
                case .nonRandomized: .nonRandomized
                default: nil
                }
            if let feature { stated.append(StatedDesign(feature: feature, source: "the allocation \(code.rawValue)", place: place(of: allocation))) }
        }
        if let masking = design.masking, let code = masking.value.code {
            let feature: DesignFeature =
                switch code {
                case .none: .openLabel
                case .single: .singleBlind
                default: .doubleBlind
                }
            stated.append(StatedDesign(feature: feature, source: "the masking \(code.rawValue)", place: place(of: masking)))
        }
        return stated
    }
}

extension DesignFeature {
    /// `true` when a study cannot have both features.
    static func contradict(_ a: DesignFeature, _ b: DesignFeature) -> Bool {
        let pairs: [(DesignFeature, DesignFeature)] = [
            (.singleArm, .randomized), (.singleArm, .parallel), (.singleArm, .crossover),
            (.randomized, .nonRandomized), (.singleCenter, .multicenter), (.openLabel, .singleBlind),
            (.openLabel, .doubleBlind), (.singleBlind, .doubleBlind), (.parallel, .crossover),
        ]
        return pairs.contains { ($0.0 == a && $0.1 == b) || ($0.0 == b && $0.1 == a) }
    }
}
