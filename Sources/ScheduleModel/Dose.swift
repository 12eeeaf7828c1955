/// A number as the text states it. A stated power of ten is kept (`1e8` from "1 × 10^8"), so that the
/// normal form says how the text wrote it; `value` is the number it means.
public struct Amount: Sendable, Hashable, CustomStringConvertible {
    public let mantissa: Double
    /// The stated power of ten, if any.
    public let exponent: Int?

    public init(_ value: Double) {
        self.mantissa = value
        self.exponent = nil
    }

    public init(mantissa: Double, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    public var value: Double {
        guard let exponent else { return mantissa }
        var scale = 1.0
        for _ in 0..<abs(exponent) { scale *= 10 }
        return exponent >= 0 ? mantissa * scale : mantissa / scale
    }

    /// `720000`, `0.5`, `1e8`, `2.5e9`.
    public var description: String {
        guard let exponent else { return plainNumber(mantissa) }
        return plainNumber(mantissa) + "e" + String(exponent)
    }

    /// Reads `720000`, `0.5`, `1e8`, `2.5E9`.
    public init?(normalized text: String) {
        let lower = text.lowercased().replacingOccurrences(of: ",", with: "")
        if let e = lower.firstIndex(of: "e") {
            guard let mantissa = Double(lower[..<e]), let exponent = Int(lower[lower.index(after: e)...]) else {
                return nil
            }
            self.init(mantissa: mantissa, exponent: exponent)
        } else {
            guard let value = Double(lower), value.isFinite else { return nil }
            self.init(value)
        }
    }

    /// Equal in value, however written.
    public func isSameValue(as other: Amount) -> Bool {
        let a = value, b = other.value
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)
    }
}

/// One amount or a stated range (`60..75`).
public struct AmountRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: Amount
    public let upper: Amount?

    public init(_ lower: Amount, _ upper: Amount? = nil) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String { upper.map { "\(lower)..\($0)" } ?? lower.description }

    public init?(normalized text: String) {
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count), let lower = Amount(normalized: parts[0]) else { return nil }
        if parts.count == 2 {
            guard let upper = Amount(normalized: parts[1]) else { return nil }
            self.init(lower, upper)
        } else {
            self.init(lower)
        }
    }

    public func isSameValue(as other: AmountRange) -> Bool {
        guard lower.isSameValue(as: other.lower) else { return false }
        switch (upper, other.upper) {
        case (nil, nil): return true
        case let (a?, b?): return a.isSameValue(as: b)
        default: return false
        }
    }
}

/// The unit of a dose: a base unit and the quantities it is given per, in order.
///
/// `mg/m2/d` is base `mg` per `m2` per `d`; cells are `{cells}` (UCUM's annotation form), so that
/// `1e8 {cells}/kg` and `1e8/kg` (cells implied) are told apart only where the text tells them apart.
public struct DoseUnit: Sendable, Hashable, CustomStringConvertible {
    public let base: String
    public let per: [String]

    public init(_ base: String, per: [String] = []) {
        self.base = base
        self.per = per
    }

    /// `mg/m2/d`, `{cells}/kg`, `AUC`.
    public var description: String { ([base] + per).joined(separator: "/") }

    public init?(normalized text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let base = parts.first, !base.isEmpty, parts.dropFirst().allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(base, per: Array(parts.dropFirst()))
    }

    /// How many of `reference` one of this base unit is, for units that convert (mass, volume, radiation
    /// dose): `g` is 1000 `mg`. `nil` for units of another dimension.
    public static func factor(from base: String, to reference: String) -> Double? {
        if let (a, dimension) = size(of: base), let (b, other) = size(of: reference), dimension == other { return a / b }
        return base == reference ? 1 : nil
    }

    /// The size of a unit that converts, in the reference unit of its dimension (`mg`, `mL`, `Gy`), and
    /// the dimension: 0 mass, 1 volume, 2 radiation dose. A switch rather than tables, since dose rules ask
    /// for every pair of doses they compare.
    private static func size(of unit: String) -> (Double, Int)? {
        switch unit {
        case "ng": (1e-6, 0)
        case "ug": (1e-3, 0)
        case "mg": (1.0, 0)
        case "g": (1e3, 0)
        case "kg": (1e6, 0)
        case "uL": (1e-3, 1)
        case "mL": (1.0, 1)
        case "L": (1e3, 1)
        case "cGy": (0.01, 2)
        case "Gy": (1.0, 2)
        default: nil
        }
    }
}

/// An amount given per administration (or per day when the text says so): `200 mg/m2`, `1e8 {cells}/kg`.
public struct Dose: Sendable, Hashable, CustomStringConvertible {
    public let amount: AmountRange
    public let unit: DoseUnit

    public init(amount: AmountRange, unit: DoseUnit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String { "\(amount) \(unit)" }

    /// Reads `200 mg/m2`, `60..75 mg/m2`, `1e8 {cells}/kg`, `5 AUC`.
    public init?(normalized text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        guard let amount = AmountRange(normalized: String(trimmed[..<space])),
            let unit = DoseUnit(normalized: trimmed[trimmed.index(after: space)...].trimmingCharacters(in: " "))
        else { return nil }
        self.init(amount: amount, unit: unit)
    }

    /// The same dose however written: equal per-units and equal amounts once base units are converted
    /// (`0.2 g` is `200 mg`; `150 cGy` is `1.5 Gy`).
    public func isEquivalent(to other: Dose) -> Bool {
        guard unit.per == other.unit.per, let factor = DoseUnit.factor(from: unit.base, to: other.unit.base) else {
            return false
        }
        func scaled(_ a: Amount) -> Amount { Amount(a.value * factor) }
        let mine = AmountRange(scaled(amount.lower), amount.upper.map(scaled))
        return mine.isSameValue(as: other.amount)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String { String(self).trimmingCharacters(in: character) }
}
