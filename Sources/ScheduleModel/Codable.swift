/// Schedule values are written in files as their normal forms: `dose: 1e8 {cells}/kg`, `window: ±P1D`,
/// `offset: P14D`, `administrations: 5` (or `4..6`).

extension Dose: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // A normal form's unit is one word per part: `mg/m2`, `{cells}/kg`.
        guard let dose = Dose(normalized: text), !([dose.unit.base] + dose.unit.per).contains(where: { $0.contains(" ") }) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a dose: write an amount and a unit, as in `200 mg/m2`, `0.5 mg/kg` or `1e8 {cells}/kg`")
        }
        self = dose
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ISODuration: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = ISODuration(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a duration: write an ISO 8601 duration in one unit, as in `P14D`, `P2W`, `P1M`, `P1Y` or `PT8H`")
        }
        self = duration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Window: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let window = Window(normalized: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a window: write `±P1D`, or `-P3D/+P7D` when the two sides differ")
        }
        self = window
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CountRange: Codable {
    /// A count is a number (`5`) or a range written as text (`4..6`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            guard n >= 0 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a count cannot be negative (\(n))")
            }
            self.init(n)
            return
        }
        let text = try container.decode(String.self)
        guard let range = CountRange(normalized: text), range.lower >= 0, (range.upper ?? range.lower) >= range.lower else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a count: write a whole number, as in `5`, or a range, as in `4..6`")
        }
        self = range
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let upper { try container.encode("\(lower)..\(upper)") } else { try container.encode(lower) }
    }
}
