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
        var list: [MilestoneDate] = []
        forEachMilestone { list.append($0) }
        return list
    }

    /// Calls `body` with each of `milestones` in turn, building no arrays: rules that ask of every record
    /// use this.
    func forEachMilestone(_ body: (MilestoneDate) -> Void) {
        if let startDate { body(MilestoneDate(name: "start date", value: startDate)) }
        if let primaryCompletionDate { body(MilestoneDate(name: "primary completion date", value: primaryCompletionDate)) }
        if let completionDate { body(MilestoneDate(name: "completion date", value: completionDate)) }
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
