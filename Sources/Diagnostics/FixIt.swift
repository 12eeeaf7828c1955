import RegistryModel

/// A suggested fix: what to do, and, when the change is mechanical, the replacement text.
public struct FixIt: Sendable, Hashable {
    /// A text edit: replace the text from `start` up to (not including) `end` with `text`.
    public struct Replacement: Sendable, Hashable {
        public let start: SourcePosition
        public let end: SourcePosition
        public let text: String

        public init(start: SourcePosition, end: SourcePosition, text: String) {
            self.start = start
            self.end = end
            self.text = text
        }
    }

    /// The fix in words: "write the NCT id in capitals: NCT01234567".
    public let message: String
    public let replacement: Replacement?

    public init(_ message: String, replacement: Replacement? = nil) {
        self.message = message
        self.replacement = replacement
    }
}
