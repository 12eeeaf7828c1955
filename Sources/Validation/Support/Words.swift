/// Splitting text into lowercased words, as several rules compare words with lists.
extension StringProtocol {
    /// The runs of letters of the text, lowercased; every other character separates words.
    ///
    /// Text made only of ASCII is split byte by byte (there the letters are `A`–`Z` and `a`–`z`); other
    /// text by `Character.isLetter`, whose Unicode property look-ups made this a visible cost of a scan.
    var lowercasedWords: [String] {
        var words: [String] = []
        var text = String(self)
        let ascii = text.withUTF8 { LowercasedWords.ascii(in: $0) { words.append($0); return true } }
        return ascii != nil ? words : lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// Whether every one of `lowercasedWords` satisfies `predicate`, asked word by word until one does not.
    func allLowercasedWords(_ predicate: (String) -> Bool) -> Bool {
        var text = String(self)
        return text.withUTF8 { LowercasedWords.all(in: $0, predicate) }
    }
}

/// The words of `lowercasedWords` read straight from UTF-8 bytes, one at a time, so that a rule asking
/// whether some word is in a list builds no array and no string longer than a word: words of up to 15
/// bytes are small strings, stored without an allocation.
enum LowercasedWords {
    /// Whether every word of UTF-8 text `bytes` satisfies `predicate`, asked in text order until one does not.
    ///
    /// ASCII is read byte by byte up to the first other byte; from there the whole text is read again by
    /// characters, from its first word, so `predicate` must give the same answer when asked again. A word of
    /// ASCII letters between ASCII non-letters is a word of the text read by characters too, so an answer
    /// `false` before any other byte is the answer.
    static func all(in bytes: UnsafeBufferPointer<UInt8>, _ predicate: (String) -> Bool) -> Bool {
        ascii(in: bytes, predicate) ?? String(decoding: bytes, as: UTF8.self).lowercasedWords.allSatisfy(predicate)
    }

    /// Asks `predicate` of the lowercased words of ASCII text in order until one fails it: `false` then,
    /// `true` when none does, and `nil` (from the first byte that is not ASCII on) when the text is not ASCII.
    static func ascii(in bytes: UnsafeBufferPointer<UInt8>, _ predicate: (String) -> Bool) -> Bool? {
        asciiBytes(in: bytes) { predicate(String(decoding: $0, as: UTF8.self)) }
    }

    /// `ascii(in:_:)` with each word handed to `predicate` as its lowercased bytes, valid during the call: a
    /// rule comparing words with a few of its own builds no string for them.
    static func asciiBytes(in bytes: UnsafeBufferPointer<UInt8>, _ predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { lower in
            var start = -1
            for (k, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                let letter: UInt8? =
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte | 0x20
                    default: nil
                    }
                if let letter {
                    lower[k] = letter
                    if start < 0 { start = k }
                } else if start >= 0 {
                    guard predicate(UnsafeBufferPointer(rebasing: lower[start..<k])) else { return false }
                    start = -1
                }
            }
            guard start >= 0 else { return true }
            return predicate(UnsafeBufferPointer(rebasing: lower[start..<bytes.count]))
        }
    }

    /// Whether the bytes of `word` are those of `text`.
    static func spells(_ word: UnsafeBufferPointer<UInt8>, _ text: [UInt8]) -> Bool {
        word.count == text.count && word.elementsEqual(text)
    }

    /// Whether some word of UTF-8 text `bytes` satisfies `predicate`.
    static func contains(in bytes: UnsafeBufferPointer<UInt8>, where predicate: (String) -> Bool) -> Bool {
        !all(in: bytes) { !predicate($0) }
    }
}

extension String {
    /// Whether the text is empty or only white space: `trimmingWhitespace().isEmpty` without copying the
    /// text, as rules asking whether a required field is blank would for every hard-wrapped XML text block.
    var isBlank: Bool {
        // The bytes in place where the string has them, which iterating its UTF-8 view does not give.
        let ascii = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
            }
            return true
        }
        if let answer = ascii ?? nil { return answer }
        return unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
