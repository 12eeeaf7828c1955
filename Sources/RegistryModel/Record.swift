/// The input formats ctlint reads, named as in the facts contract (`source.format`).
public enum RecordFormat: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The PRS-style module text export ("Description Module … NCT ID: … Brief Summary: …").
    case moduleText = "module-text"
    /// The former public bulk XML, root `<clinical_study>` (public.xsd).
    case xmlLegacy = "xml-legacy"
    /// API v2 JSON (`protocolSection` …).
    case jsonV2 = "json-v2"
    /// The 2019–2024 classic API JSON (`FullStudiesResponse` / `ProtocolSection`, every value a string).
    case jsonClassic = "json-classic"
    /// The PRS protocol upload XML (`study_collection` / `clinical_study` in the upload vocabulary).
    case uploadXML = "upload-xml"

    public var description: String { rawValue }
}

/// Where a record came from.
public struct RecordSource: Sendable, Hashable, Codable {
    /// The file as the user named it, `-` for standard input, or `archive.zip!/member` inside an archive.
    public let path: String
    public let format: RecordFormat
    /// The record's 0-based position among the records of its file.
    public let index: Int

    public init(path: String, format: RecordFormat, index: Int = 0) {
        self.path = path
        self.format = format
        self.index = index
    }
}

/// A study as read from a file, with the source bytes that diagnostics point into.
public struct Record: Sendable {
    public let study: Study
    public let source: RecordSource
    public let document: SourceDocument
    /// The record checked against its format's XML schema, when its format has one and the reader was
    /// asked to validate (`nil` otherwise).
    public let schemaValidation: SchemaValidation?
    /// `true` when the record says itself that it holds only some of the study's data: a PRS partial
    /// upload (`<clinical_study partial_upload="true">`).
    public let declaresPartial: Bool

    public init(
        study: Study, source: RecordSource, document: SourceDocument, schemaValidation: SchemaValidation? = nil,
        declaresPartial: Bool = false
    ) {
        self.study = study
        self.source = source
        self.document = document
        self.schemaValidation = schemaValidation
        self.declaresPartial = declaresPartial
    }

    /// `true` when the record is a whole study rather than a selection of its data.
    ///
    /// A module-text export of one module, or an API v2 response limited with `fields=`, holds only some
    /// modules. A whole record gives a known study type, and, as the registry's own records do, the date
    /// it was first submitted; redacted legacy records (study type "N/A") are not whole. An upload file
    /// never carries the registry's dates, so it is whole when it has a known study type and is not a
    /// partial upload.
    public var isComplete: Bool {
        guard study.design.studyType?.value.code != nil, !declaresPartial else { return false }
        // The date asked for with a pattern: `!= nil` compared two optional fields as values, copying the
        // date out through its type's value witnesses, which cost more than the rest of the check.
        if source.format == .uploadXML { return true }
        if case .some = study.status.studyFirstSubmitDate { return true }
        return false
    }
}

extension Study {
    /// The text fields the schedule extractor reads, in record order: brief summary, detailed
    /// description, arm group and intervention descriptions, and outcome time frames.
    public var scheduleTextFields: [TextField] {
        // Plain loops by index into one array of the right size: key-path closures, an array per group
        // and whole arms copied out of their arrays cost more than the list, built twice per scanned record.
        var fields: [TextField] = []
        fields.reserveCapacity(2 + armsInterventions.armGroups.count + armsInterventions.interventions.count
            + outcomes.primary.count + outcomes.secondary.count + outcomes.other.count)
        if let text = description.briefSummary { fields.append(text) }
        if let text = description.detailedDescription { fields.append(text) }
        let arms = armsInterventions.armGroups, interventions = armsInterventions.interventions
        for k in arms.indices { if let text = arms[k].description { fields.append(text) } }
        for k in interventions.indices { if let text = interventions[k].description { fields.append(text) } }
        for list in [outcomes.primary, outcomes.secondary, outcomes.other] {
            for k in list.indices { if let text = list[k].timeFrame { fields.append(text) } }
        }
        return fields
    }
}
