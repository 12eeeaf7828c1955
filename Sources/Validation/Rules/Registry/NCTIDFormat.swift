import Diagnostics
import RegistryModel

/// The NCT id, and each of its aliases, is `NCT` and eight digits.
public struct NCTIDFormat: Rule {
    public static let description = RuleDescription(
        id: "nct-id-format",
        defaultSeverity: .error,
        summary: "The NCT id and each NCT id alias is NCT followed by eight digits.",
        rationale: """
            The registry assigns NCT numbers as `NCT` and eight digits; the API looks records up by that form \
            (`^(NCT|nct)\\d{8}$`). An id in another case or with the wrong number of digits does not match \
            the registry's own, so links and joins on it fail.
            """,
        source: "OAS filter.ids and path patterns; DED; registry-facts R01",
        triggeringExamples: [
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "↓nct06813157"}}}"#),
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "↓NCT6813157"}}}"#),
            Example(#"""
                {"protocolSection": {"identificationModule": {
                  "nctId": "NCT06813157", "nctIdAliases": ["↓NCT-00012345"]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT06813157"}}}"#),
            Example(#"""
                {"protocolSection": {"identificationModule": {
                  "nctId": "NCT00000102", "nctIdAliases": ["NCT00000101"]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let identification = context.study.identification
        // The id and its aliases checked in place, before any array of them is built: most are well formed.
        if identification.nctId.map({ NCTIDFormat.isWellFormed($0.value) }) ?? true,
            identification.nctIdAliases.allSatisfy({ NCTIDFormat.isWellFormed($0.value) })
        {
            return []
        }
        return ([identification.nctId].compactMap { $0 } + identification.nctIdAliases).compactMap { field in
            guard !NCTIDFormat.isWellFormed(field.value) else { return nil }
            let place = context.place(of: field)
            var fix: FixIt?
            if let normal = NCTIDFormat.normalised(field.value) {
                fix = FixIt(
                    "write it as \(normal)",
                    replacement: place.start.flatMap { start in
                        place.end.map { FixIt.Replacement(start: start, end: $0, text: normal) }
                    })
            }
            let what = field.path == identification.nctId?.path ? "NCT id" : "NCT id alias"
            return Finding("\(what) `\(field.value)` is not NCT followed by eight digits", at: place, fix: fix)
        }
    }

    static func isWellFormed(_ id: String) -> Bool {
        // Read from the string's bytes in place: copying them into arrays, or walking the UTF-8 view index
        // by index, cost more than the check.
        let checked = id.utf8.withContiguousStorageIfAvailable { isWellFormed(utf8: $0) }
        return checked ?? Array(id.utf8).withUnsafeBufferPointer { isWellFormed(utf8: $0) }
    }

    /// `isWellFormed(_:)` of UTF-8 bytes.
    private static func isWellFormed(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 11, bytes[0] == UInt8(ascii: "N"), bytes[1] == UInt8(ascii: "C"), bytes[2] == UInt8(ascii: "T")
        else { return false }
        return bytes[3...].allSatisfy { (48...57).contains($0) }
    }

    /// The canonical form of an id the API would accept (any case, missing leading zeros), if any.
    static func normalised(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count > 3, String(decoding: bytes[0..<3], as: UTF8.self).uppercased() == "NCT" else { return nil }
        let digits = bytes[3...]
        guard (1...8).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }), digits.contains(where: { $0 != 48 })
        else { return nil }
        return "NCT" + String(repeating: "0", count: 8 - digits.count) + String(decoding: digits, as: UTF8.self)
    }
}
