import Foundation

/// Plain decimal spelling of a number for normal forms: no exponent and no trailing zeros
/// (`720000`, `0.5`, `2.25`, `-4`), rounded to ten decimal places.
public func plainNumber(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
    var text = String(format: "%.10f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}
