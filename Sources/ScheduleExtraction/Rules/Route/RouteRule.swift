import ScheduleModel

/// Reads routes of administration: `intravenously`, `IV`, `I.V.`, `IVPB`, `IV push`, `infusion`,
/// `by vein`, `orally`, `PO`, `by mouth`, `subcutaneously`, `SC`, `SQ`, `intramuscular`, `IM`,
/// `intrathecally`, `IT`, `intravitreal`, `intratumoral`, `inhaled`, `topical`, `epicutaneous`,
/// `transdermal`, `intranasally`, `nasal spray`, `intra-articular`, `intravesical`, `rectally`, `sublingual`.
///
/// Capital abbreviations count only in capitals, and `IV` not as a roman numeral (`stage IV`,
/// `IV. Assess …`); `oral` not for the mouth as a place (`oral mucositis`); `infusion` is intravenous unless
/// another route qualifies it (`subcutaneous infusion`) or the field gives infusions another route
/// (`intratumoral or intracerebroventricular injection`).
public struct RouteRule: ExtractionRule {
    public static let id = "route.keyword"
    public static let kinds: [FactKind] = [.route]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("daunorubicin IV on days 1-3", [.init(.route, "intravenous", "IV")]),
        RuleExample("20 mg/m2 I.V. day 1 q 35 days", [.init(.route, "intravenous", "I.V.")]),
        RuleExample("dex 40 mg/d PO or IVPB", [.init(.route, "oral", "PO"), .init(.route, "intravenous", "IVPB")]),
        RuleExample("given by vein over 1 hour and by mouth", [
            .init(.route, "intravenous", "by vein"), .init(.route, "oral", "by mouth"),
        ]),
        RuleExample("they received 5 times of mesenchymal stem cell infusion", [.init(.route, "intravenous", "infusion")]),
        RuleExample("methotrexate intrathecally (IT) or intraventricularly", [
            .init(.route, "intrathecal", "intrathecally"),
        ]),
        RuleExample("patients with stage IV disease and oral mucositis", []),
        RuleExample("IV. Assess disease free survival", []),
        RuleExample("G-CSF SQ is administered", [.init(.route, "subcutaneous", "SQ")]),
        RuleExample("Intranasal challenge with a Nasal spray", [.init(.route, "intranasal", "Intranasal")]),
        RuleExample("infused back via intratumoral or intracerebroventricular injection", [
            .init(.route, "intratumoral", "intratumoral"),
        ]),
        RuleExample("0.5 mg intravitreal injection", [.init(.route, "intravitreal", "intravitreal injection")]),
        RuleExample("Swallow with water", [.init(.route, "oral", "Swallow")]),
        RuleExample("randomized to standard of care (SC) sequestrectomy; drug X subcutaneous (SC)", [
            .init(.route, "subcutaneous", "subcutaneous"),
        ]),
    ]

    /// The words a route can start with: route words and abbreviations, `by`, `nasal`, `intra`, the first
    /// letter of a dotted abbreviation.
    public static let triggers = RuleTriggers(
        words: Routes.wordList.map(\.0) + Routes.capitalAbbreviationList.map(\.0) + [
            "by", "through", "via", "into", "swallow", "swallowed", "per", "nasal", "intra", "sub", "rectal", "under",
            "infusion", "infusions", "infused", "infuse", "infusing", "i", "p", "s",
        ])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        let hasOtherInfusionRoute = text.fieldTags.contains(.otherInfusionRoute)
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard let r = text.route(at: i, fieldHasOtherInfusionRoute: hasOtherInfusionRoute)
            else { continue }
            if text.isInExcludedSection(i) { continue }
            facts.emit(.route, .route(r.value), tokens: i..<r.end, rule: Self.id)
            i = r.end - 1
        }
    }
}
