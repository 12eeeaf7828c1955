import Testing
import RegistryFormats
import RegistryModel

/// Damaged records end in a `ReadError` or read, and never crash or hang: every prefix of a record,
/// and the record with bytes replaced by markup characters, control bytes or broken UTF-8.
@Suite struct ReaderRobustnessTests {
    static let files = ["corpus/xml-legacy/NCT03377387.xml", "reference/NCT06813157.xml",
        "reference/NCT06813157.description-module.txt"]

    @Test(arguments: files)
    func everyPrefixReadsOrFailsCleanly(_ path: String) throws {
        let bytes = try fixtureBytes(path).bytes
        for length in stride(from: 0, through: bytes.count, by: 37) {
            let prefix = Array(bytes.prefix(length))
            do {
                _ = try read(prefix, name: "prefix")
            } catch let error as ReadError {
                #expect(error.file == "prefix")
                if let position = error.position { #expect(position.offset <= prefix.count + 3) }
            }
        }
    }

    @Test(arguments: files)
    func damagedBytesReadOrFailCleanly(_ path: String) throws {
        let original = try fixtureBytes(path).bytes
        let replacements: [UInt8] = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""),
            UInt8(ascii: "/"), UInt8(ascii: ":"), 0x00, 0x0D, 0x80, 0xC3, 0xFF]
        var generator = SplitMix(seed: 2)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 3 + 1) {
                bytes[Int(generator.next() % UInt64(bytes.count))] = replacements[Int(generator.next() % UInt64(replacements.count))]
            }
            do {
                for record in try read(bytes, name: "damaged") {
                    #expect(record.document.bytes.count <= bytes.count)
                }
            } catch is ReadError {
                continue
            }
        }
    }
}

/// A small deterministic random generator, so a failure can be replayed.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
