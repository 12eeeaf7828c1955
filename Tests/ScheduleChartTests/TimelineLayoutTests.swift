import Foundation
import RegistryFormats
import RegistryModel
import ScheduleChart
import ScheduleExtraction
import ScheduleModel
import Testing
import TestSupport
import Validation

/// The reference study's timeline (NCT06813157, `Fixtures/reference/`), laid out from its record's text
/// and from its protocol file.
@Suite struct TimelineLayoutTests {
    static let recordFile = "NCT06813157.description-module.txt"
    static let protocolFile = "NCT06813157.protocol.yaml"

    /// The schedule the reference record's text states, as `ctlint timeline` builds it.
    static func stated() throws -> TimelineLayout.Schedule {
        var records: [Record] = []
        try RegistryReader().read(path: TestPaths.fixture("reference/" + recordFile).path) { records.append(try $0.get()) }
        let record = try #require(records.first)
        let facts = ScheduleExtractor().extract(record.study)
        let built = ScheduleBuilder(facts: facts, study: record.study).build(study: record.study.nctId)
        return TimelineLayout.Schedule(title: "Stated by the record (\(recordFile))", schedule: built.schedule, notes: built.notes)
    }

    static func promised() throws -> TimelineLayout.Schedule {
        let schedule = try ProtocolFile.load(path: TestPaths.fixture("reference/" + protocolFile).path)
        return TimelineLayout.Schedule(title: "Promised by the protocol (\(protocolFile))", schedule: schedule)
    }

    static let title = "NCT06813157: schedule"

    @Test func theReferenceRecordShowsFiveInfusionsWithTheirWindows() throws {
        let timeline = TimelineLayout().layout(title: Self.title, try Self.stated())
        let row = try #require(timeline.lanes.first?.rows.first { $0.kind == .intervention })
        #expect(row.administrations.map(\.day) == [0, 7, 21, 35, 49])
        #expect(row.administrations.map { $0.window.map(ChartCalendar.describe) } == [nil, "±1 day", "±3 days", "±3 days", "±3 days"])
        #expect(row.administrations.map(\.label) == ["0", "7 ±1", "21 ±3", "35 ±3", "49 ±3"])
        #expect(row.label == "mesenchymal stem cells: 1e8 {cells}/kg, intravenous, 5 administrations")
    }

    @Test func followUpRunsFromD14ToM12AfterTheLastInfusion() throws {
        let timeline = TimelineLayout().layout(title: Self.title, try Self.stated())
        let lane = try #require(timeline.lanes.first)
        let points = try #require(lane.rows.first { $0.kind == .timepoints }).timepoints
        #expect(points.map(\.label) == ["D14", "M1", "M2", "M3", "M6", "M9", "M12"])
        #expect(points.allSatisfy { $0.anchor == .endOfTreatment && $0.anchorDay == 49 })
        // A month is 30 days (ChartCalendar): M12 is day 49 + 360.
        #expect(points.map(\.day) == [63, 79, 109, 139, 229, 319, 409])
        let periods = try #require(lane.rows.first { $0.kind == .periods }).spans
        #expect(periods.map(\.label) == ["screening (V1)", "baseline (V2)", "treatment (V3)", "follow-up (V5)"])
        #expect(periods.map(\.days) == [nil, nil, 0...49, 49...409])
        #expect(timeline.legend.contains(ChartCalendar.legend))
    }

    @Test func daysMapToPositionsOnAScaleThatMagnifiesTheTreatment() throws {
        let timeline = TimelineLayout().layout(title: Self.title, try Self.stated())
        let scale = timeline.scale
        // The undated zone (screening, baseline) takes 24 + 200 + 24 px; the axis is padded by two characters.
        #expect(abs(scale.x(0) - 260.4) < 1e-9)
        #expect(abs(scale.x(409) - 915.6) < 1e-9)
        // Days 0–49 take 40 % of the axis, the 360 days after it the rest.
        #expect(abs(scale.x(49) - (260.4 + 655.2 * 0.4)) < 1e-9)
        #expect(scale.breakDay == 49)
        let row = try #require(timeline.lanes[0].rows.first { $0.kind == .intervention })
        let perDay = (scale.x(49) - scale.x(0)) / 49
        for mark in row.administrations {
            #expect(abs(mark.x - (260.4 + mark.day * perDay)) < 1e-9)
        }
        let second = row.administrations[1]
        #expect(abs(try #require(second.band).fromX - scale.x(6)) < 1e-9)
        #expect(abs(try #require(second.band).toX - scale.x(8)) < 1e-9)
        let m12 = try #require(timeline.lanes[0].rows.first { $0.kind == .timepoints }?.timepoints.last)
        #expect(abs(m12.x - 915.6) < 1e-9)
        #expect(timeline.ticks.map(\.day).contains(0) && timeline.ticks.map(\.day).contains(49))
        #expect(zip(timeline.ticks, timeline.ticks.dropFirst()).allSatisfy { $1.x - $0.x >= TimelineGeometry.svg.tickGap })
    }

    @Test func theRecordAgreesWithItsProtocol() throws {
        let timeline = TimelineLayout().layout(title: Self.title, promised: try Self.promised(), stated: try Self.stated())
        #expect(timeline.lanes.count == 2)
        #expect(timeline.differences.isEmpty, "\(timeline.differences)")
        let promisedRow = try #require(timeline.lanes[0].rows.first { $0.kind == .intervention })
        let statedRow = try #require(timeline.lanes[1].rows.first { $0.kind == .intervention })
        #expect(promisedRow.administrations.map(\.x) == statedRow.administrations.map(\.x))
        #expect(statedRow.trackY > promisedRow.trackY)
    }

    @Test func aChangedProtocolMarksEachDisagreementOnBothLanes() throws {
        var changed = try Self.promised().schedule
        changed.interventions[0].schedule[2].day = 14
        changed.interventions[0].schedule[1].window = .symmetric(.days(2))
        changed.timepoints.removeLast()
        let promised = TimelineLayout.Schedule(title: "Promised", schedule: changed)
        let timeline = TimelineLayout().layout(title: Self.title, promised: promised, stated: try Self.stated())
        #expect(timeline.differences.map(\.text) == [
            "mesenchymal stem cells: administration 2 window ±2 days promised, ±1 day stated",
            "mesenchymal stem cells: administration 3 on day 14 promised, day 21 stated",
            "timepoint M12 (P12M after end-of-treatment) is stated but not promised",
        ])
        let promisedMarks = try #require(timeline.lanes[0].rows.first { $0.kind == .intervention }).administrations
        let statedMarks = try #require(timeline.lanes[1].rows.first { $0.kind == .intervention }).administrations
        #expect(promisedMarks.map(\.differences) == [[], [1], [2], [], []])
        #expect(statedMarks.map(\.differences) == [[], [1], [2], [], []])
        let statedPoints = try #require(timeline.lanes[1].rows.first { $0.kind == .timepoints }).timepoints
        #expect(statedPoints.last?.differences == [3])
        #expect(TimelineSVG.svg(timeline, standalone: true).contains("[2] mesenchymal stem cells: administration 3 on day 14 promised, day 21 stated"))
    }

    @Test func labelsThatWouldOverlapGoOnTheNextLine() {
        let levels = TimelineLayout.labelLevels(centres: [0, 5, 10, 100], labels: ["D14", "M1", "M2", "M12"], characterWidth: 6)
        #expect(levels == [0, 1, 2, 0])
    }

    @Test func aShortScheduleKeepsOneLinearScale() {
        let scale = TimeScale(firstDay: 0, lastDay: 28, focusEnd: 21, fromX: 0, toX: 280)
        #expect(scale.breakDay == nil)
        #expect(scale.x(14) == 140)
    }

    @Test func svgIsAccessibleAndDeterministic() throws {
        let layout = TimelineLayout()
        let a = TimelineSVG.document(layout.layout(title: Self.title, promised: try Self.promised(), stated: try Self.stated()))
        let b = TimelineSVG.document(layout.layout(title: Self.title, promised: try Self.promised(), stated: try Self.stated()))
        #expect(a == b)
        #expect(a.contains("<title id=\"timeline-title\">NCT06813157: schedule</title>"))
        #expect(a.contains("<desc id=\"timeline-desc\">Promised by the protocol"))
        #expect(a.contains("aria-labelledby=\"timeline-title timeline-desc\""))
        #expect(!a.contains("e+") && !a.contains("e-0"), "numbers are written plainly")
    }

    /// The SVG and the text rendering of the reference study, pinned; `CTLINT_UPDATE_GOLDEN=1` rewrites them.
    @Test func goldenRenderings() throws {
        let layout = TimelineLayout()
        let both = layout.layout(title: Self.title, promised: try Self.promised(), stated: try Self.stated())
        #expect(try matchesGolden(TimelineSVG.document(both), "timeline/NCT06813157.protocol.svg"))
        let stated = layout.layout(title: Self.title, try Self.stated())
        #expect(try matchesGolden(TimelineSVG.document(stated), "timeline/NCT06813157.svg"))
        let text = TimelineLayout(geometry: .text).layout(title: Self.title, try Self.stated())
        #expect(try matchesGolden(TimelineText.render(text), "timeline/NCT06813157.txt"))
    }
}

/// Compares `actual` with a golden file under `Fixtures/golden/`; with `CTLINT_UPDATE_GOLDEN=1` in the
/// environment, writes the file instead (review the diff before committing it).
func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
    let url = TestPaths.fixture("golden/" + name)
    if ProcessInfo.processInfo.environment["CTLINT_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    return try String(contentsOf: url, encoding: .utf8) == actual
}

/// Schedules other than the reference one: cycles, anchors at an administration, undated periods after
/// the treatment.
@Suite struct TimelineCyclesTests {
    static let cycled = StudyProtocol(
        interventions: [
            ProtocolIntervention(
                name: "drug", schedule: [Administration(day: 0), Administration(day: 7, window: .symmetric(.days(1)))],
                cycles: Cycles(length: .days(21), count: CountRange(3)))
        ],
        timepoints: [ProtocolTimepoint(label: "W2", offset: .weeks(2), anchor: TimepointAnchor(rawValue: "dose-3"))],
        periods: [ProtocolPeriod(kind: .treatment), ProtocolPeriod(kind: .extension)])

    @Test func cyclesAreUnrolledAndDrawnAsSpans() throws {
        let timeline = TimelineLayout().layout(title: "cycles", TimelineLayout.Schedule(title: "Stated", schedule: Self.cycled))
        let rows = timeline.lanes[0].rows
        let administrations = try #require(rows.first { $0.kind == .intervention }).administrations
        #expect(administrations.map(\.day) == [0, 7, 21, 28, 42, 49])
        #expect(administrations.map(\.cycle) == [1, 1, 2, 2, 3, 3])
        #expect(administrations.map(\.number) == [1, 2, 3, 4, 5, 6])
        let cycles = try #require(rows.first { $0.kind == .cycles }).spans
        #expect(cycles.map(\.days) == [0...21, 21...42, 42...63])
        #expect(cycles.map(\.label) == ["cycle 1", "cycle 2", "cycle 3"])
    }

    @Test func anAnchorAtAnAdministrationCountsFromItsDay() throws {
        let timeline = TimelineLayout().layout(title: "cycles", TimelineLayout.Schedule(title: "Stated", schedule: Self.cycled))
        let row = try #require(timeline.lanes[0].rows.first { $0.kind == .timepoints })
        #expect(row.timepoints.map(\.anchorDay) == [21])
        #expect(row.timepoints.map(\.day) == [35])
        #expect(row.label == "timepoints (from dose-3: administration 3, day 21)")
    }

    @Test func anUndatedLaterPeriodStandsAfterTheAxis() throws {
        let timeline = TimelineLayout().layout(title: "cycles", TimelineLayout.Schedule(title: "Stated", schedule: Self.cycled))
        let spans = try #require(timeline.lanes[0].rows.first { $0.kind == .periods }).spans
        #expect(spans.map(\.days) == [0...49, nil])
        let zone = try #require(timeline.undatedZones.first)
        #expect(spans[1].band.fromX >= zone.lowerBound && spans[1].band.toX <= zone.upperBound)
        #expect(zone.lowerBound > timeline.scale.toX)
    }

    @Test func aTimepointWithoutItsAnchorDayIsListedNotDrawn() throws {
        let schedule = StudyProtocol(timepoints: [ProtocolTimepoint(label: "M1", offset: .months(1), anchor: .endOfTreatment)])
        let timeline = TimelineLayout().layout(title: "none", TimelineLayout.Schedule(title: "Stated", schedule: schedule))
        #expect(timeline.lanes[0].rows.isEmpty)
        #expect(timeline.lanes[0].notes == ["M1 (P1M after end-of-treatment) is not drawn: the schedule gives no last administration for end-of-treatment to count from"])
    }
}

/// What counts as a difference when one side states less.
@Suite struct ScheduleDifferencesTests {
    @Test func aProtocolWithoutTimepointsOrPeriodsSaysNothingAboutThem() throws {
        var promised = try TimelineLayoutTests.promised().schedule
        promised.timepoints = []
        promised.periods = []
        let timeline = TimelineLayout().layout(
            title: "t", promised: TimelineLayout.Schedule(title: "Promised", schedule: promised), stated: try TimelineLayoutTests.stated())
        #expect(timeline.differences.isEmpty, "\(timeline.differences)")
    }

    @Test func promisedDaysTheRecordDoesNotStateAreADifference() throws {
        let promised = try TimelineLayoutTests.promised()
        var stated = try TimelineLayoutTests.stated().schedule
        stated.interventions[0].schedule = []
        let timeline = TimelineLayout().layout(title: "t", promised: promised, stated: TimelineLayout.Schedule(title: "Stated", schedule: stated))
        #expect(timeline.differences.map(\.text) == ["mesenchymal stem cells: administrations on days 0, 7, 21, 35, 49 promised, no days stated"])
        #expect(timeline.lanes[1].rows.first { $0.kind == .intervention }?.differences == [1])
    }
}
