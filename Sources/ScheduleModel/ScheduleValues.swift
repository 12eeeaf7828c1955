/// A repeating rate: `count` times per `period` (`2/P1D` for twice daily, `1/P2W` for every 2 weeks).
public struct Frequency: Sendable, Hashable, CustomStringConvertible {
    public let count: Double
    public let period: ISODuration
    /// The longest period of a stated range of periods (`every 3-4 weeks` is `1/P3W..P4W`).
    public let longestPeriod: ISODuration?

    public init(count: Double, per period: ISODuration, upTo longestPeriod: ISODuration? = nil) {
        self.count = count
        self.period = period
        self.longestPeriod = longestPeriod
    }

    public var description: String {
        plainNumber(count) + "/" + period.description + (longestPeriod.map { ".." + $0.description } ?? "")
    }

    public init?(normalized text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let count = Double(parts[0]) else { return nil }
        let periods = parts[1].components(separatedBy: "..")
        guard (1...2).contains(periods.count), let period = ISODuration(iso: periods[0]) else { return nil }
        if periods.count == 2 {
            guard let longest = ISODuration(iso: periods[1]) else { return nil }
            self.init(count: count, per: period, upTo: longest)
        } else {
            self.init(count: count, per: period)
        }
    }

    /// The same rate however written (`1/P1W` and `1/P7D`).
    public func isEquivalent(to other: Frequency) -> Bool {
        guard period.isExact == other.period.isExact else { return false }
        guard abs(count / period.days - other.count / other.period.days) < 1e-9 else { return false }
        switch (longestPeriod, other.longestPeriod) {
        case (nil, nil): return true
        case let (a?, b?): return abs(count / a.days - other.count / b.days) < 1e-9
        default: return false
        }
    }
}

/// The allowed deviation around a scheduled time: `±P1D`, or `-P3D/+P7D` when the two sides differ.
public struct Window: Sendable, Hashable, CustomStringConvertible {
    /// How much earlier is allowed.
    public let early: ISODuration
    /// How much later is allowed.
    public let late: ISODuration

    public init(early: ISODuration, late: ISODuration) {
        self.early = early
        self.late = late
    }

    public static func symmetric(_ width: ISODuration) -> Window { Window(early: width, late: width) }

    public var isSymmetric: Bool { early == late }

    public var description: String { isSymmetric ? "±\(early)" : "-\(early)/+\(late)" }

    /// Reads `±P1D`, `+/-P1D` and `-P3D/+P7D`.
    public init?(normalized text: String) {
        let compact = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "+/-", with: "±")
        if compact.hasPrefix("±") {
            guard let width = ISODuration(iso: String(compact.dropFirst())) else { return nil }
            self.init(early: width, late: width)
            return
        }
        let parts = compact.split(separator: "/")
        guard parts.count == 2, parts[0].hasPrefix("-"), parts[1].hasPrefix("+"),
            let early = ISODuration(iso: String(parts[0].dropFirst())),
            let late = ISODuration(iso: String(parts[1].dropFirst()))
        else { return nil }
        self.init(early: early, late: late)
    }

    public func isEquivalent(to other: Window) -> Bool {
        early.isSameLength(as: other.early) && late.isSameLength(as: other.late)
    }
}

/// A study or cycle day, or a run of days, on which a dose is given: `D1`, `D-4`, `D1..D5`.
public struct DayRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let first: Int
    public let last: Int?

    public init(_ first: Int, _ last: Int? = nil) {
        self.first = first
        self.last = last
    }

    public var description: String { last.map { "D\(first)..D\($0)" } ?? "D\(first)" }

    public init?(normalized text: String) {
        let parts = text.uppercased().components(separatedBy: "..")
        func day(_ s: String) -> Int? { s.hasPrefix("D") ? Int(s.dropFirst()) : nil }
        guard (1...2).contains(parts.count), let first = day(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let last = day(parts[1]) else { return nil }
            self.init(first, last)
        } else {
            self.init(first)
        }
    }

    public static func < (lhs: DayRange, rhs: DayRange) -> Bool {
        (lhs.first, lhs.last ?? lhs.first) < (rhs.first, rhs.last ?? rhs.first)
    }
}

/// A count, or a stated range of counts: `5`, `4..6`.
public struct CountRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: Int
    public let upper: Int?

    public init(_ lower: Int, _ upper: Int? = nil) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String { upper.map { "\(lower)..\($0)" } ?? String(lower) }

    public init?(normalized text: String) {
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count), let lower = Int(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let upper = Int(parts[1]) else { return nil }
            self.init(lower, upper)
        } else {
            self.init(lower)
        }
    }

    /// `true` when `n` is the count or lies in the stated range.
    public func contains(_ n: Int) -> Bool { n >= lower && n <= (upper ?? lower) }
}
