import RegistryModel

/// Types the text values a reader found into the model's values (codes, dates, whole numbers, yes or
/// no), noticing what does not fit and keeping in `extras` what cannot be typed, in the order asked.
///
/// `StudyAssembler` types the values of a `V2FieldStore` with it and the legacy XML mapping the values
/// it finds (`LegacyStudyValues`), so that every reader types and notices a value alike.
struct FieldTyping {
    var extras: [ExtraField]
    var notices: [ReadNotice]

    /// A code; an unknown spelling is kept as written, with a notice.
    mutating func coded<Code: RegistryCode>(
        _ text: String, at position: SourcePosition?, _ path: FieldPath
    ) -> Field<Coded<Code>> {
        let value = Coded<Code>(spelling: text.trimmed)
        let origin = Origin(path: path, position: position)
        if case .unknown(let spelling) = value {
            notices.append(ReadNotice(
                kind: .unknownCode, message: "\"\(spelling)\" is not a known \(Code.self) value; kept as written",
                origin: origin))
        }
        return Field(value, origin: origin)
    }

    /// A date with its precision; one in no known form is kept as written, with a notice.
    mutating func date(_ text: String, at position: SourcePosition?, _ path: FieldPath) -> Field<DateValue> {
        let value = DateValue(parsing: text)
        let origin = Origin(path: path, position: position)
        if value.date == nil {
            notices.append(ReadNotice(
                kind: .unreadableDate,
                message: "\"\(text)\" is not a date in any registry form (2021-03-04, March 4, 2021, March 2021); kept as written",
                origin: origin))
        }
        return Field(value, origin: origin)
    }

    /// A whole number; `nil` for text that is not one, which is kept in extras with a notice.
    mutating func int(_ text: String, at position: SourcePosition?, _ path: FieldPath) -> Field<Int>? {
        if let value = Int(text.trimmed) { return Field(value, path: path, position: position) }
        keepMistyped(text, at: position, path, expected: "a whole number")
        return nil
    }

    /// Yes or no; `nil` for text that is neither, which is kept in extras with a notice.
    mutating func bool(_ text: String, at position: SourcePosition?, _ path: FieldPath) -> Field<Bool>? {
        switch RegistryCodeKey.fold(text) {
        case "YES", "TRUE", "ACCEPTSHEALTHYVOLUNTEERS": return Field(true, path: path, position: position)
        case "NO", "FALSE": return Field(false, path: path, position: position)
        default:
            keepMistyped(text, at: position, path, expected: "yes or no")
            return nil
        }
    }

    /// A value no model field reads, as an extra, with its notice; the caller keeps the extras of such
    /// values after all others.
    mutating func unread(_ text: String, at position: SourcePosition?, _ path: FieldPath) -> ExtraField {
        let value = TextField(text, path: path, position: position)
        notices.append(ReadNotice(
            kind: .unknownField, message: "\(path) has no place in the record model; kept in extras",
            origin: value.origin))
        return ExtraField(key: path.rawValue, value: value)
    }

    private mutating func keepMistyped(
        _ text: String, at position: SourcePosition?, _ path: FieldPath, expected: String
    ) {
        let value = TextField(text, path: path, position: position)
        extras.append(ExtraField(key: path.rawValue, value: value))
        notices.append(ReadNotice(
            kind: .unexpectedType, message: "\"\(text)\" is not \(expected); kept in extras", origin: value.origin))
    }
}
