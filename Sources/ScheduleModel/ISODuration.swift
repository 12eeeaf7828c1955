/// A length of time in the unit the text used, written as an ISO 8601 duration: `P14D`, `P2W`, `P3M`,
/// `P1Y`, `PT8H`, `PT30M`.
///
/// Two weeks stay `P2W` and months stay months: the unit is part of what the text said. Comparisons use
/// `days`, which takes a month as 365.2425 / 12 days; `isExact` says whether that is a convention.
public struct ISODuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, CaseIterable, Codable {
        case minute, hour, day, week, month, year

        /// The length of one unit in days (months and years on average).
        public var days: Double {
            switch self {
            case .minute: 1.0 / 1440
            case .hour: 1.0 / 24
            case .day: 1
            case .week: 7
            case .month: 365.2425 / 12
            case .year: 365.2425
            }
        }

        /// The ISO 8601 designator.
        var designator: String {
            switch self {
            case .minute, .month: "M"
            case .hour: "H"
            case .day: "D"
            case .week: "W"
            case .year: "Y"
            }
        }

        var isTime: Bool { self == .minute || self == .hour }
    }

    public let amount: Double
    public let unit: Unit

    public init(_ amount: Double, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func days(_ n: Double) -> ISODuration { ISODuration(n, .day) }
    public static func weeks(_ n: Double) -> ISODuration { ISODuration(n, .week) }
    public static func months(_ n: Double) -> ISODuration { ISODuration(n, .month) }
    public static func years(_ n: Double) -> ISODuration { ISODuration(n, .year) }
    public static func hours(_ n: Double) -> ISODuration { ISODuration(n, .hour) }

    /// The length in days (months and years on average).
    public var days: Double { amount * unit.days }

    /// `true` when `days` is exact: minutes, hours, days and weeks.
    public var isExact: Bool { unit != .month && unit != .year }

    /// The ISO 8601 spelling: `P2W`, `PT8H`, `P1.5W`.
    public var description: String {
        (unit.isTime ? "PT" : "P") + plainNumber(amount) + unit.designator
    }

    /// Reads a single-unit ISO 8601 duration (`P14D`, `PT8H`, `P1.5W`); `nil` for any other text.
    public init?(iso text: String) {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        let isTime = rest.hasPrefix("T")
        if isTime { rest = rest.dropFirst() }
        guard let designator = rest.last, let amount = Double(rest.dropLast()), amount >= 0 else { return nil }
        switch (isTime, designator) {
        case (true, "H"): self.init(amount, .hour)
        case (true, "M"): self.init(amount, .minute)
        case (false, "D"): self.init(amount, .day)
        case (false, "W"): self.init(amount, .week)
        case (false, "M"): self.init(amount, .month)
        case (false, "Y"): self.init(amount, .year)
        default: return nil
        }
    }

    /// Ordered by length; equal lengths in different units are ordered by unit so that the order is total.
    public static func < (lhs: ISODuration, rhs: ISODuration) -> Bool {
        if lhs.days != rhs.days { return lhs.days < rhs.days }
        return Unit.allCases.firstIndex(of: lhs.unit)! < Unit.allCases.firstIndex(of: rhs.unit)!
    }

    /// `true` when both are the same length of time, whatever the units (`P2W` and `P14D`); months and
    /// years compare only with months and years.
    public func isSameLength(as other: ISODuration) -> Bool {
        if isExact != other.isExact { return false }
        return abs(days - other.days) < 1e-9
    }
}

/// One duration or a stated range of durations (`P1W..P2W`).
public struct DurationRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: ISODuration
    public let upper: ISODuration?

    public init(_ lower: ISODuration, _ upper: ISODuration? = nil) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String { upper.map { "\(lower)..\($0)" } ?? lower.description }

    /// Reads `P2W` or `P1W..P2W`.
    public init?(normalized text: String) {
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count), let lower = ISODuration(iso: parts[0]) else { return nil }
        if parts.count == 2 {
            guard let upper = ISODuration(iso: parts[1]) else { return nil }
            self.init(lower, upper)
        } else {
            self.init(lower)
        }
    }
}
