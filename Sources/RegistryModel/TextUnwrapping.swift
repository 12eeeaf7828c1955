extension String {
    /// The text with its hard line wraps undone, for comparing the same text across formats.
    ///
    /// Legacy XML holds text blocks wrapped at about 100 columns, indented, with `&#xD;` line ends;
    /// API v2 and module text hold the same text on long lines. The unwrapped form folds a line break
    /// together with the white space around it (the wrap and the next line's indentation) into one
    /// space, keeps a paragraph break (one or more blank lines) as exactly `"\n\n"`, drops carriage
    /// returns and trims both ends. White space inside a line is left as it is.
    public var unwrappedText: String {
        // Scalars, not Characters: "\r\n" is one Character and would hide the line break.
        var paragraphs: [String.UnicodeScalarView] = []
        var current = String.UnicodeScalarView()
        var line = String.UnicodeScalarView()

        func endLine() {
            let trimmed = line.trimmingIndentation()
            line = String.UnicodeScalarView()
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = String.UnicodeScalarView()
            } else {
                if !current.isEmpty { current.append(" ") }
                current.append(contentsOf: trimmed)
            }
        }

        for scalar in unicodeScalars where scalar != "\r" {
            if scalar == "\n" { endLine() } else { line.append(scalar) }
        }
        endLine()
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.map(String.init).joined(separator: "\n\n")
    }
}

extension Field where Value == String {
    /// The value with hard line wraps folded (`String.unwrappedText`), for matching across formats.
    public var unwrapped: String { value.unwrappedText }
}

extension String.UnicodeScalarView {
    /// The line without spaces or tabs at either end.
    fileprivate func trimmingIndentation() -> Substring.UnicodeScalarView {
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }) else { return Substring.UnicodeScalarView() }
        let last = lastIndex(where: { $0 != " " && $0 != "\t" })!
        return self[first...last]
    }
}
