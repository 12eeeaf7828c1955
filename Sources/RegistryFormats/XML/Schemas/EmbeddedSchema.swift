/// The registry's XML schemas, compiled into ctlint (`EmbeddedSchemaText`, written by
/// `Scripts/embed-schemas.py`; `Docs/embedded-schemas.md` says where each came from).
///
/// Validation never reads a schema from a file or the network: libxml2 parses these texts, and the one
/// document a schema imports (the upload schema imports the results schema as `RRSUploadSchema.xsd`) is
/// served from here by the entity loader, which refuses every other name.
enum EmbeddedSchema: CaseIterable, Sendable {
    /// The legacy public XML schema, `public.xsd` Version 2020.05.08, for `<clinical_study>` records.
    case publicXML
    /// The PRS protocol upload schema, `ProtocolRecordSchema.xsd` Version 2018.05.08, for `<study_collection>`.
    case protocolUpload
    /// The PRS results upload schema, `RRSUploadSchema.xsd` Version 2017.04.18, imported by the upload schema.
    case resultsUpload

    /// The name the schema goes by, and under which an importing schema asks for it.
    var fileName: String {
        switch self {
        case .publicXML: "public.xsd"
        case .protocolUpload: "ProtocolRecordSchema.xsd"
        case .resultsUpload: "RRSUploadSchema.xsd"
        }
    }

    /// The schema as diagnostics name it.
    var title: String {
        switch self {
        case .publicXML: "public.xsd 2020.05.08"
        case .protocolUpload: "ProtocolRecordSchema.xsd 2018.05.08"
        case .resultsUpload: "RRSUploadSchema.xsd 2017.04.18"
        }
    }

    /// The schema's UTF-8 text.
    var bytes: [UInt8] {
        switch self {
        case .publicXML: Self.publicXMLBytes
        case .protocolUpload: Self.protocolUploadBytes
        case .resultsUpload: Self.resultsUploadBytes
        }
    }

    /// The schema a schema import asks for by `name`, if ctlint serves it: only the results schema is
    /// ever imported.
    static func served(_ name: String) -> EmbeddedSchema? {
        name == EmbeddedSchema.resultsUpload.fileName ? .resultsUpload : nil
    }

    private static let publicXMLBytes = Array(EmbeddedSchemaText.publicXSD.utf8)
    private static let protocolUploadBytes = Array(EmbeddedSchemaText.protocolRecordSchema.utf8)
    private static let resultsUploadBytes = Array(EmbeddedSchemaText.resultsUploadSchema.utf8)
}
