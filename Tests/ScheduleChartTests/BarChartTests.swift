import ScheduleChart
import Testing

/// Bar charts of the report page: lengths proportional to the values, long labels cut.
@Suite struct BarChartTests {
    @Test func barsAreProportionalToTheirValues() {
        let chart = BarChart(title: "Records by format", values: [("xml-legacy", 9), ("json-v2", 6), ("json-classic", 3), ("module-text", 0)])
        let lengths = chart.bars.map(\.length)
        #expect(abs(lengths[1] / lengths[0] - 6.0 / 9) < 1e-9)
        #expect(abs(lengths[2] / lengths[0] - 3.0 / 9) < 1e-9)
        #expect(lengths[3] == 0)
        #expect(lengths[0] + chart.bars[0].x < chart.width)
        #expect(zip(chart.bars, chart.bars.dropFirst()).allSatisfy { $1.y > $0.y + BarChart.barHeight })
    }

    @Test func longLabelsAreCutButTheTitleKeepsThemWhole() {
        let rule = "intervention-description-missing (warning)"
        let chart = BarChart(title: "Findings by rule", values: [(rule, 2)], labelCharacters: 20)
        #expect(chart.bars[0].shownLabel == "intervention-descri…")
        #expect(chart.svg().contains("<title>Findings by rule: \(rule): 2</title>"))
    }

    @Test func anEmptyChartSaysSo() {
        #expect(BarChart(title: "Intervals", values: []).svg().contains("nothing to count"))
    }
}
