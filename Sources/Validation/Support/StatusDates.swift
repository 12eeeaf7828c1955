import RegistryModel

/// One of a study's milestone dates, named as messages name it.
struct MilestoneDate {
    let name: String
    let value: DateStruct

    var date: PartialDate? { value.date.value.date }
    var type: DateType? { value.type?.value.code }
}

extension Status {
    /// Start, primary completion and completion, in that order, for those the record states.
    var milestones: [MilestoneDate] {
        Status.milestoneNames.indices.compactMap { k in milestone(k).map { MilestoneDate(name: Status.milestoneNames[k], value: $0) } }
    }

    /// The names of `milestones`, in their order.
    static let milestoneNames = ["start date", "primary completion date", "completion date"]

    /// Milestone `k` of `milestones` (start, primary completion, completion), when the record states it.
    func milestone(_ k: Int) -> DateStruct? { milestone(k) { $0 } }

    /// The date of milestone `k`, read in place: a rule comparing the dates of every record needs no milestone
    /// copied out.
    func milestoneDate(_ k: Int) -> PartialDate? { milestone(k) { $0.date.value.date } }

    /// The date type of milestone `k`, when it is a known code, read in place.
    func milestoneType(_ k: Int) -> DateType? { milestone(k) { $0.type?.value.code } }

    /// `read` of milestone `k`, when the record states it; the milestone is lent to `read`, not copied.
    @inline(__always)
    private func milestone<Value>(_ k: Int, _ read: (borrowing DateStruct) -> Value?) -> Value? {
        switch k {
        case 0: startDate.flatMap { read($0) }
        case 1: primaryCompletionDate.flatMap { read($0) }
        default: completionDate.flatMap { read($0) }
        }
    }

    /// The day the record was last updated, when it says so.
    var lastUpdate: PartialDate? { lastUpdatePostDate?.date.value.date }
}

extension PartialDate {
    /// Whether the date, at its own precision, is written in the form `format` uses: ISO `yyyy[-MM[-dd]]`
    /// for API v2 and the upload XML, "Month [d, ]yyyy" for legacy XML and classic JSON; module text
    /// takes either.
    static func isWritten(_ raw: String, asIn format: RecordFormat) -> Bool {
        let text = raw.trimmingWhitespace()
        switch format {
        case .jsonV2, .uploadXML: return parseISO(text) != nil
        case .xmlLegacy, .jsonClassic: return parseLegacy(text) != nil
        case .moduleText: return parse(text) != nil
        }
    }

    /// The expected form in words, for messages.
    static func formDescription(for format: RecordFormat) -> String {
        switch format {
        case .jsonV2, .uploadXML: "yyyy, yyyy-MM or yyyy-MM-dd"
        case .xmlLegacy, .jsonClassic: "\"Month yyyy\" or \"Month d, yyyy\""
        case .moduleText: "yyyy-MM-dd or \"Month d, yyyy\""
        }
    }
}
