/// Splitting text into lowercased words, as several rules compare words with lists.
extension StringProtocol {
    /// The runs of letters of the text, lowercased; every other character separates words.
    ///
    /// Text made only of ASCII is split byte by byte (there the letters are `A`–`Z` and `a`–`z`); other
    /// text by `Character.isLetter`, whose Unicode property look-ups made this a visible cost of a scan.
    var lowercasedWords: [String] {
        let ascii = utf8.withContiguousStorageIfAvailable { Self.asciiWords($0) } ?? Self.asciiWords(Array(utf8))
        return ascii ?? lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// The lowercased words of ASCII text, or `nil` when the text holds another byte.
    private static func asciiWords<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
            case 0x80...: return nil
            default:
                guard !word.isEmpty else { continue }
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
