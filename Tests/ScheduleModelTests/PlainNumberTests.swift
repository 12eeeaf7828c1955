import Foundation
import ScheduleModel
import Testing

/// `plainNumber`'s shortcut through the shortest spelling gives exactly what rounding to ten places with
/// `String(format:)` and dropping zeros gives.
@Suite struct PlainNumberTests {
    /// The long way, as `plainNumber` takes it when the shortcut does not apply.
    static func formatted(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    @Test func examples() {
        #expect(plainNumber(720000) == "720000")
        #expect(plainNumber(0.5) == "0.5")
        #expect(plainNumber(2.25) == "2.25")
        #expect(plainNumber(-4) == "-4")
        #expect(plainNumber(1e-5) == "0.00001")
        #expect(plainNumber(1.0 / 3.0) == "0.3333333333")
        #expect(plainNumber(1e8 + 0.5) == "100000000.5")
    }

    @Test func theShortcutAgreesWithFormatting() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for k in -200_000...200_000 { values.append(Double(k) / 1000) }
        for k in 1...100_000 { values.append(Double(k) / 7) }
        for _ in 0..<50_000 {
            values.append(Double.random(in: -100_000...100_000, using: &generator))
            values.append(Double.random(in: -1...1, using: &generator))
            values.append(Double(Int.random(in: -10_000_000...10_000_000, using: &generator)) / 10_000)
        }
        values += [99_999.999_999_999_9, 0.000_000_000_05, -0.000_000_000_05, 0.000_1, 1e-10, 5e-11, 4.9e-11]
        let differing = values.filter { plainNumber($0) != Self.formatted($0) }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { "\($0): \(plainNumber($0)) vs \(Self.formatted($0))" })")
    }
}
