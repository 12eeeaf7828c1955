import ScheduleModel

/// How a chart turns durations into days: a month is 30 days and a year 365 days.
///
/// Protocols count follow-up months as visits about 30 days apart (`M1` is day 30, `M12` day 360), not as
/// calendar months, which have no fixed length without a start date. The chart's legend says so.
public enum ChartCalendar {
    public static let daysPerMonth = 30.0
    public static let daysPerYear = 365.0

    /// The legend's sentence stating the convention.
    public static let legend = "1 month (M) = 30 days, 1 year = 365 days; weeks are 7 days."

    /// The length of `duration` in days.
    public static func days(_ duration: ISODuration) -> Double {
        switch duration.unit {
        case .month: duration.amount * daysPerMonth
        case .year: duration.amount * daysPerYear
        default: duration.days
        }
    }

    /// `±1 day`, `±3 days`, `-2/+5 days`: a window in whole days where it is one.
    public static func describe(_ window: Window) -> String {
        let early = days(window.early), late = days(window.late)
        func amount(_ d: Double) -> String { ChartNumber.plain(d) }
        let unit = max(early, late) == 1 ? "day" : "days"
        return early == late ? "±\(amount(early)) \(unit)" : "-\(amount(early))/+\(amount(late)) \(unit)"
    }
}

/// Number spelling for charts: fixed, locale-free and deterministic.
public enum ChartNumber {
    /// One decimal place, without a trailing `.0`: `12`, `12.5`, `-3`.
    public static func coordinate(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int64(abs(tenths))
        let whole = magnitude / 10, fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A day count as plain as it can be written: `7`, `0.5`.
    public static func plain(_ value: Double) -> String { plainNumber((value * 100).rounded() / 100) }
}
