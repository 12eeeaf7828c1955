import Foundation
import Testing

@testable import ScheduleModel

/// The protocol model as `Codable` values: normal forms, one-or-many keys, what is checked while decoding,
/// and where an error is.
@Suite struct ProtocolModelTests {
    static let reference = """
        {"version": 1, "study": "NCT06813157", "design": ["single-arm", "single-center"],
         "interventions": [{"name": "mesenchymal stem cells", "dose": "1e8 {cells}/kg", "route": "intravenous",
           "administrations": 5,
           "schedule": [{"day": 0}, {"day": 7, "window": "±P1D"}, {"day": 21, "window": "±P3D"},
                        {"day": 35, "window": "±P3D"}, {"day": 49, "window": "±P3D"}]}],
         "timepoints": [{"label": "D14", "offset": "P14D", "anchor": "end-of-treatment"},
                        {"label": "M1", "offset": "P1M", "anchor": "end-of-treatment"}],
         "periods": [{"kind": "screening", "visit": "V1"}, {"kind": "follow-up", "visit": ["V5", "V6"]}]}
        """

    func decode(_ json: String) throws -> StudyProtocol {
        try JSONDecoder().decode(StudyProtocol.self, from: Data(json.utf8))
    }

    /// The error decoding `json` throws, which must be a `ProtocolDecodingError`.
    func failure(_ json: String) throws -> ProtocolDecodingError {
        try #require(throws: ProtocolDecodingError.self) { try decode(json) }
    }

    @Test func decodesTheReferenceStudy() throws {
        let schedule = try decode(Self.reference)
        #expect(schedule.study == "NCT06813157")
        #expect(schedule.design == [.singleArm, .singleCenter])
        let intervention = try #require(schedule.interventions.first)
        #expect(intervention.name == "mesenchymal stem cells")
        #expect(intervention.doses == [Dose(normalized: "1e8 {cells}/kg")!])
        #expect(intervention.routes == [.intravenous])
        #expect(intervention.administrations == CountRange(5))
        #expect(intervention.schedule.map(\.day) == [0, 7, 21, 35, 49])
        #expect(intervention.schedule.map { $0.window?.description } == [nil, "±P1D", "±P3D", "±P3D", "±P3D"])
        #expect(schedule.timepoints[1] == ProtocolTimepoint(label: "M1", offset: .months(1), anchor: .endOfTreatment))
        #expect(schedule.periods[1].visits == ["V5", "V6"])
    }

    @Test func encodingGivesBackWhatWasRead() throws {
        let schedule = try decode(Self.reference)
        let again = try decode(String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self))
        #expect(again == schedule)
        // One value is written as one value, not a list of one.
        let json = String(decoding: try JSONEncoder().encode(schedule.interventions[0]), as: UTF8.self)
        #expect(json.contains(#""route":"intravenous""#))
    }

    @Test func gapsAndTheImpliedCountComeFromTheSchedule() throws {
        var intervention = try decode(Self.reference).interventions[0]
        #expect(intervention.gaps.map(\.days) == [7, 14, 14, 14])
        #expect(intervention.gaps.map(\.duration.description) == ["P1W", "P2W", "P2W", "P2W"])
        intervention.administrations = nil
        #expect(intervention.administrationCount == CountRange(5))
        intervention.cycles = Cycles(length: .days(56), count: CountRange(3))
        #expect(intervention.administrationCount == CountRange(15))
    }

    @Test func aMisspeltWordNamesTheNearestOne() throws {
        let error = try failure(#"{"interventions": [{"route": "intravenus"}]}"#)
        #expect(error.message == "unknown route 'intravenus' — did you mean 'intravenous'?")
        #expect(error.path == [.key("interventions"), .index(0), .key("route")])
        let list = try failure(#"{"design": ["single-arm", "open label"]}"#)
        #expect(list.message == "unknown design feature 'open label' — did you mean 'open-label'?")
        #expect(list.path == [.key("design"), .index(1)])
        let period = try failure(#"{"periods": [{"kind": "folow-up"}]}"#)
        #expect(period.message == "unknown period 'folow-up' — did you mean 'follow-up'?")
    }

    @Test func anUnknownKeyIsAnErrorAboutTheKey() throws {
        let error = try failure(#"{"interventions": [{"doses": "5 mg"}]}"#)
        #expect(error.isAboutKey)
        #expect(error.message == "unknown key 'doses' in an intervention — did you mean 'dose'?")
        #expect(error.path == [.key("interventions"), .index(0), .key("doses")])
    }

    @Test func aScheduleMustAgreeWithItselfAndItsCount() throws {
        #expect(try failure(#"{"interventions": [{"schedule": [{"day": 1}, {"day": 8}]}]}"#).message
            == "the first administration is day 0 (days count from it), not day 1")
        #expect(try failure(#"{"interventions": [{"schedule": [{"day": 0}, {"day": 14}, {"day": 7}]}]}"#).message
            == "days must increase: day 7 comes after day 14")
        let count = try failure(#"{"interventions": [{"administrations": 5, "schedule": [{"day": 0}, {"day": 7}]}]}"#)
        #expect(count.message == "5 administrations, but the schedule lists 2")
        #expect(count.path == [.key("interventions"), .index(0), .key("administrations")])
        #expect(try failure(#"{"interventions": [{"administrations": 4, "schedule": [{"day": 0}, {"day": 7}], "cycles": {"count": 3}}]}"#).message
            == "4 administrations, but 3 cycles of 2 make 6")
        #expect(try failure(#"{"interventions": [{"schedule": [{"day": 0}, {"day": 28}], "cycles": {"length": "P21D"}}]}"#).message
            == "day 28 lies outside a cycle of P21D")
        #expect(try failure(#"{"interventions": [{"cycles": {}}]}"#).message == "give the cycles' `length`, their `count`, or both")
    }

    @Test func valuesAreReadInTheirNormalForms() throws {
        let intervention = try decode(#"{"interventions": [{"dose": ["0.2 g", "60..75 mg/m2"], "administrations": "4..6"}]}"#).interventions[0]
        #expect(intervention.doses.map(\.description) == ["0.2 g", "60..75 mg/m2"])
        #expect(intervention.doses[0].isEquivalent(to: Dose(normalized: "200 mg")!))
        #expect(intervention.administrations == CountRange(4, 6))
        for (json, message) in [
            (#"{"interventions": [{"dose": "1 x 10^8 cells/kg"}]}"#, "'1 x 10^8 cells/kg' is not a dose"),
            (#"{"timepoints": [{"offset": "14 days"}]}"#, "'14 days' is not a duration"),
            (#"{"interventions": [{"schedule": [{"day": 0, "window": "1 day"}]}]}"#, "'1 day' is not a window"),
            (#"{"interventions": [{"administrations": -2}]}"#, "a count cannot be negative (-2)"),
        ] {
            do {
                _ = try decode(json)
                Issue.record("\(json) was read")
            } catch let DecodingError.dataCorrupted(context) {
                #expect(context.debugDescription.hasPrefix(message), "\(context.debugDescription)")
            }
        }
    }

    @Test func anchorsAreTheContractsOrTheNthDose() {
        #expect(TimepointAnchor(rawValue: "end-of-treatment") == .endOfTreatment)
        #expect(TimepointAnchor(rawValue: "dose-3")?.rawValue == "dose-3")
        #expect(TimepointAnchor(rawValue: "dose-2") == nil)
        #expect(TimepointAnchor(rawValue: "dose-03") == nil)
        #expect(TimepointAnchor(rawValue: "end of treatment") == nil)
    }

    @Test func aTimepointMatchesTheSameLengthFromACompatibleAnchor() {
        let d14 = ProtocolTimepoint(label: "D14", offset: .days(14), anchor: .endOfTreatment)
        #expect(d14.matches(offset: .weeks(2), anchor: .endOfTreatment))
        #expect(d14.matches(offset: .days(14), anchor: nil))
        #expect(!d14.matches(offset: .days(14), anchor: .firstDose))
        #expect(!d14.matches(offset: .days(15), anchor: .endOfTreatment))
        #expect(d14.summary == "D14 (P14D after end-of-treatment)")
    }

    @Test func spellingSuggestsOnlyNearWords() {
        #expect(Spelling.nearest(to: "intravenus", among: Route.allCases.map(\.rawValue)) == "intravenous")
        #expect(Spelling.nearest(to: "xyz", among: ["intravenous", "oral"]) == nil)
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
    }
}
