import Foundation

/// Plain decimal spelling of a number for normal forms: no exponent and no trailing zeros
/// (`720000`, `0.5`, `2.25`, `-4`), rounded to ten decimal places.
public func plainNumber(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
    // Below 100,000 a double is within 0.8e-11 of its shortest spelling, so when that spelling has no
    // exponent and at most ten decimals it is what rounding to ten places and dropping zeros gives,
    // without the cost of `String(format:)` (a fact's normal form is made for every fact of a scan).
    if abs(value) < 1e5, let shortest = shortestDecimal(value) { return shortest }
    var text = String(format: "%.10f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}

/// Swift's shortest round-trip spelling of `value` when it has no exponent and at most ten decimals.
private func shortestDecimal(_ value: Double) -> String? {
    let text = value.description
    var decimals: Int?
    for byte in text.utf8 {
        if byte == UInt8(ascii: "e") { return nil }
        if byte == UInt8(ascii: ".") {
            decimals = 0
        } else if let count = decimals {
            decimals = count + 1
        }
    }
    guard let decimals, decimals <= 10 else { return nil }
    return text
}
