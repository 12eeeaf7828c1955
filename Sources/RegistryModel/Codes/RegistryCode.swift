/// An enumerated registry value with one Swift case for every spelling the formats use.
///
/// The raw value is the API v2 code (`PHASE2`); `legacyLabel` is the human-readable spelling of the
/// legacy XML and classic JSON formats ("Phase 2"). `init(spelling:)` accepts either, ignoring case,
/// spaces and punctuation, plus the known aliases of each type.
public protocol RegistryCode: Sendable, Hashable, CaseIterable, RawRepresentable, Codable
where RawValue == String, AllCases == [Self] {
    /// The spelling of legacy XML and classic JSON.
    var legacyLabel: String { get }
    /// Further spellings seen in real records or other vocabularies (PRS upload XML), already folded
    /// with `RegistryCodeKey.fold`.
    static var aliases: [String: Self] { get }
}

extension RegistryCode {
    public static var aliases: [String: Self] { [:] }

    /// Reads any known spelling of the value; `nil` when the spelling is unknown.
    ///
    /// Inlinable so that readers in other modules get a copy specialised for each code type: the
    /// generic one looks up every case's spellings through witness tables, for every value of every record.
    @inlinable
    public init?(spelling: String) {
        // Exact spellings first: almost every value in real records is one, and folding costs more.
        if let exact = Self(rawValue: spelling) {
            self = exact
            return
        }
        if let exact = Self.allCases.first(where: { $0.legacyLabel == spelling }) {
            self = exact
            return
        }
        let key = RegistryCodeKey.fold(spelling)
        if key.isEmpty { return nil }
        if let found = Self.allCases.first(where: {
            RegistryCodeKey.fold($0.rawValue) == key || RegistryCodeKey.fold($0.legacyLabel) == key
        }) {
            self = found
        } else if let alias = Self.aliases[key] {
            self = alias
        } else {
            return nil
        }
    }
}

/// Folding of code spellings for comparison: letters and digits only, upper case.
public enum RegistryCodeKey {
    public static func fold(_ spelling: String) -> String {
        // Nearly every spelling is ASCII: its letters and digits are copied and upper-cased byte by byte,
        // without Unicode's scalar appends and case tables.
        if let folded = spelling.utf8.withContiguousStorageIfAvailable(asciiFold), let folded { return folded }
        var out = ""
        out.reserveCapacity(spelling.utf8.count)
        for scalar in spelling.unicodeScalars where RegistryCodeKey.isKept(scalar) {
            out.unicodeScalars.append(scalar)
        }
        return out.uppercased()
    }

    /// `fold` of ASCII text; `nil` when the text holds a byte beyond ASCII.
    private static func asciiFold(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            for byte in bytes {
                switch byte {
                case 0x30...0x39, 0x41...0x5A:
                    out[count] = byte
                    count += 1
                case 0x61...0x7A:
                    out[count] = byte - 0x20
                    count += 1
                default: break
                }
            }
            return count
        }
    }

    /// A letter or an ASCII digit; ASCII is decided without Unicode's property tables.
    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }
}

/// A registry value that is either one of the known codes or a spelling the reader did not recognise.
///
/// Unknown values are kept as written so that nothing is lost, and the validator reports them.
public enum Coded<Code: RegistryCode>: Sendable, Hashable {
    case known(Code)
    case unknown(String)

    /// Reads a spelling: known when any of the code's spellings match, unknown otherwise.
    @inlinable
    public init(spelling: String) {
        if let code = Code(spelling: spelling) { self = .known(code) } else { self = .unknown(spelling) }
    }

    public var code: Code? {
        if case .known(let code) = self { return code }
        return nil
    }

    /// The v2 code, or the unknown spelling as written.
    public var v2Spelling: String {
        switch self {
        case .known(let code): code.rawValue
        case .unknown(let raw): raw
        }
    }

    /// The legacy label, or the unknown spelling as written.
    public var legacySpelling: String {
        switch self {
        case .known(let code): code.legacyLabel
        case .unknown(let raw): raw
        }
    }
}
