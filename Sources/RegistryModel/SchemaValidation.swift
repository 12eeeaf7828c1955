/// One way a record breaks the XML schema of its format, found while the record was read.
///
/// The origin names the element (or attribute) by its path in the file (`clinical_study/arm_group/arm_type`,
/// `clinical_study/@partial_upload`) and points at it: at the start tag for a structural violation, at
/// the value for a value outside its type.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public let origin: Origin
    /// Just after the offending tag or value, when known.
    public let end: SourcePosition?

    public init(message: String, origin: Origin, end: SourcePosition? = nil) {
        self.message = message
        self.origin = origin
        self.end = end
    }

    public var description: String {
        let place = origin.position.map { "\($0): " } ?? ""
        return "\(place)\(message) [\(origin.path)]"
    }
}

/// The outcome of validating a record against the XML schema of its format.
public struct SchemaValidation: Sendable, Hashable {
    /// The schema, as people name it: "public.xsd 2020.05.08".
    public let schema: String
    /// Every violation of the schema as published, in file order.
    public let violations: [SchemaViolation]
    /// The violations that remain when the schema's required elements are all taken as optional: what
    /// a record that holds only some of a study's data breaks. `nil` when it was not worked out (the
    /// record is complete, or `violations` says nothing about missing elements).
    public let violationsAllowingMissingElements: [SchemaViolation]?

    public init(schema: String, violations: [SchemaViolation], violationsAllowingMissingElements: [SchemaViolation]? = nil) {
        self.schema = schema
        self.violations = violations
        self.violationsAllowingMissingElements = violationsAllowingMissingElements
    }
}
