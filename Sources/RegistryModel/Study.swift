/// One registry record: the protocol section of a study, in API v2 shape, whatever format it was read from.
///
/// Every value carries its v2 field path and where it starts in the source file (`Field`). Values the
/// reader could not place in the model are kept in `extras`, and the reader's remarks (an unknown enum
/// spelling, a date in no known form) in `notices`, so nothing a record says is silently dropped.
public struct Study: Sendable, Hashable {
    public let identification: Identification
    public let status: Status
    public let sponsors: Sponsors
    public let description: Description
    public let conditions: Conditions
    public let design: Design
    public let armsInterventions: ArmsInterventions
    public let outcomes: Outcomes
    public let eligibility: Eligibility
    public let contactsLocations: ContactsLocations
    public let hasResults: Field<Bool>?
    /// Fields the reader keeps but the model has no place for, such as unknown module-text keys.
    public let extras: [ExtraField]
    /// What the reader noticed while reading: unknown codes, unreadable dates, unknown keys.
    public let notices: [ReadNotice]

    public init(
        identification: Identification = Identification(),
        status: Status = Status(),
        sponsors: Sponsors = Sponsors(),
        description: Description = Description(),
        conditions: Conditions = Conditions(),
        design: Design = Design(),
        armsInterventions: ArmsInterventions = ArmsInterventions(),
        outcomes: Outcomes = Outcomes(),
        eligibility: Eligibility = Eligibility(),
        contactsLocations: ContactsLocations = ContactsLocations(),
        hasResults: Field<Bool>? = nil,
        extras: [ExtraField] = [],
        notices: [ReadNotice] = []
    ) {
        self.identification = identification
        self.status = status
        self.sponsors = sponsors
        self.description = description
        self.conditions = conditions
        self.design = design
        self.armsInterventions = armsInterventions
        self.outcomes = outcomes
        self.eligibility = eligibility
        self.contactsLocations = contactsLocations
        self.hasResults = hasResults
        self.extras = extras
        self.notices = notices
    }

    /// The NCT id as written, if the record has one.
    public var nctId: String? { identification.nctId?.value }
}

/// A field the model has no place for, kept as written: for example an unknown module-text key.
public struct ExtraField: Sendable, Hashable {
    /// The key as the source names it.
    public let key: String
    public let value: TextField

    public init(key: String, value: TextField) {
        self.key = key
        self.value = value
    }
}

/// A remark of a reader about one value: kept, but not what the format's vocabulary allows.
public struct ReadNotice: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An enumerated field holds a spelling outside its vocabulary.
        case unknownCode = "unknown-code"
        /// A date field holds text in no known date form.
        case unreadableDate = "unreadable-date"
        /// A key or element the reader does not know; its value is kept in `extras`.
        case unknownField = "unknown-field"
        /// A value of the wrong type (a number where text was expected, and so on); kept as text.
        case unexpectedType = "unexpected-type"
    }

    public let kind: Kind
    public let message: String
    public let origin: Origin

    public init(kind: Kind, message: String, origin: Origin) {
        self.kind = kind
        self.message = message
        self.origin = origin
    }

    public var description: String {
        let place = origin.position.map { "\($0): " } ?? ""
        return "\(place)\(message) [\(origin.path)]"
    }
}
