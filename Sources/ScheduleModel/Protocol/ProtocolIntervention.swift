/// One intervention of a protocol: what is given, how, how often, and on which days.
public struct ProtocolIntervention: Sendable, Hashable, Codable {
    /// The intervention's name, matched against the subject of a record's facts (`mesenchymal stem cells`).
    /// Without a name the intervention stands for whatever the record's text gives.
    public var name: String?
    /// The dose per administration; several when the protocol has dose levels or alternatives.
    public var doses: [Dose]
    public var routes: [Route]
    /// The total number of administrations in the course, over all cycles.
    public var administrations: CountRange?
    /// Each administration's nominal day, counted from the first (day 0), with its window; with `cycles`,
    /// the administrations of one cycle.
    public var schedule: [Administration]
    public var cycles: Cycles?

    public init(
        name: String? = nil, doses: [Dose] = [], routes: [Route] = [], administrations: CountRange? = nil,
        schedule: [Administration] = [], cycles: Cycles? = nil
    ) {
        self.name = name
        self.doses = doses
        self.routes = routes
        self.administrations = administrations
        self.schedule = schedule
        self.cycles = cycles
    }

    /// The number of administrations the protocol promises: the stated count, or the one its schedule
    /// implies (the schedule's length, times the number of cycles when that is exact).
    public var administrationCount: CountRange? {
        if let administrations { return administrations }
        guard !schedule.isEmpty else { return nil }
        guard let cycles else { return CountRange(schedule.count) }
        guard let count = cycles.count, count.upper == nil else { return nil }
        return CountRange(schedule.count * count.lower)
    }

    /// The separations between consecutive administrations of the schedule, in days: `from` and `to` are
    /// 1-based administration numbers.
    public var gaps: [Gap] {
        zip(schedule.indices, schedule.indices.dropFirst()).map { a, b in
            Gap(from: a + 1, to: b + 1, days: schedule[b].day - schedule[a].day)
        }
    }

    /// A separation between two consecutive administrations.
    public struct Gap: Sendable, Hashable {
        public let from: Int
        public let to: Int
        public let days: Int

        /// The length as a duration, in weeks when it is a whole number of weeks.
        public var duration: ISODuration { days % 7 == 0 && days > 0 ? .weeks(Double(days / 7)) : .days(Double(days)) }
    }

    /// Why the intervention cannot be meant as written, and the key it is about: a schedule that does not
    /// start at day 0 or whose days do not increase, or that contradicts the stated count.
    public var inconsistency: (key: String, message: String)? {
        if let first = schedule.first, first.day != 0 {
            return ("schedule", "the first administration is day 0 (days count from it), not day \(first.day)")
        }
        for (a, b) in zip(schedule, schedule.dropFirst()) where b.day <= a.day {
            return ("schedule", "days must increase: day \(b.day) comes after day \(a.day)")
        }
        if let cycles, cycles.length == nil, cycles.count == nil {
            return ("cycles", "give the cycles' `length`, their `count`, or both")
        }
        if let cycles, let length = cycles.length, let last = schedule.last, length.isExact, Double(last.day) >= length.days {
            return ("schedule", "day \(last.day) lies outside a cycle of \(length)")
        }
        if let administrations, !schedule.isEmpty {
            let perCourse = schedule.count
            if let cycles {
                if let count = cycles.count, count.upper == nil, administrations.upper == nil,
                    administrations.lower != perCourse * count.lower
                {
                    return (
                        "administrations",
                        "\(administrations) administrations, but \(count.lower) cycles of \(perCourse) make \(perCourse * count.lower)"
                    )
                }
            } else if !administrations.contains(perCourse) {
                return ("administrations", "\(administrations) administrations, but the schedule lists \(perCourse)")
            }
        }
        return nil
    }

    static let keys = ["name", "dose", "route", "administrations", "schedule", "cycles"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(Self.keys, in: "an intervention")
        name = try c.decodeIfPresent(String.self, forKey: AnyKey("name"))
        doses = try c.decodeOneOrMany(Dose.self, "dose")
        routes = try c.decodeWords(Route.self, "route", naming: "route")
        administrations = try c.decodeIfPresent(CountRange.self, forKey: AnyKey("administrations"))
        schedule = try c.decodeIfPresent([Administration].self, forKey: AnyKey("schedule")) ?? []
        cycles = try c.decodeIfPresent(Cycles.self, forKey: AnyKey("cycles"))
        if let (key, message) = inconsistency { throw c.failure(key, message) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeIfPresent(name, forKey: AnyKey("name"))
        try c.encodeOneOrMany(doses, forKey: AnyKey("dose"))
        try c.encodeOneOrMany(routes, forKey: AnyKey("route"))
        try c.encodeIfPresent(administrations, forKey: AnyKey("administrations"))
        if !schedule.isEmpty { try c.encode(schedule, forKey: AnyKey("schedule")) }
        try c.encodeIfPresent(cycles, forKey: AnyKey("cycles"))
    }
}

/// One administration: its nominal day, counted from the first administration (day 0), and the deviation
/// allowed around it.
public struct Administration: Sendable, Hashable, Codable {
    public var day: Int
    public var window: Window?

    public init(day: Int, window: Window? = nil) {
        self.day = day
        self.window = window
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(["day", "window"], in: "an administration")
        guard c.contains(AnyKey("day")) else { throw c.failure("an administration needs its `day`") }
        day = try c.decode(Int.self, forKey: AnyKey("day"))
        window = try c.decodeIfPresent(Window.self, forKey: AnyKey("window"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(day, forKey: AnyKey("day"))
        try c.encodeIfPresent(window, forKey: AnyKey("window"))
    }
}

/// Treatment cycles: how long each is, and how many there are.
public struct Cycles: Sendable, Hashable, Codable {
    public var length: ISODuration?
    public var count: CountRange?

    public init(length: ISODuration? = nil, count: CountRange? = nil) {
        self.length = length
        self.count = count
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(["length", "count"], in: "the cycles")
        length = try c.decodeIfPresent(ISODuration.self, forKey: AnyKey("length"))
        count = try c.decodeIfPresent(CountRange.self, forKey: AnyKey("count"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeIfPresent(length, forKey: AnyKey("length"))
        try c.encodeIfPresent(count, forKey: AnyKey("count"))
    }
}
