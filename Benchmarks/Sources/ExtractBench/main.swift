// extract-bench: how fast the schedule extractor reads registry text, and that its time grows linearly
// with the size of adversarial text.
//
// usage: extract-bench [CORPUS_DIR] [--rounds N] [--corpus-only]
// CORPUS_DIR defaults to ../shared/corpus next to the package, or the package's Fixtures when that is absent.
// `--corpus-only` skips the adversarial series (for profiling the corpus pass under callgrind).
// Prints (1) throughput in MB/s of text over every record of the corpus (extraction only, reading excluded),
// and (2) the time for one field of adversarial text at 125 KB, 250 KB, 500 KB and 1 MB, with the ratio per
// doubling (about 2 means linear).

import Foundation
import RegistryFormats
import RegistryModel
import ScheduleExtraction

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 3
if let k = arguments.firstIndex(of: "--rounds"), k + 1 < arguments.count, let n = Int(arguments[k + 1]), n > 0 {
    rounds = n
    arguments.removeSubrange(k...(k + 1))
}
let corpusOnly = arguments.contains("--corpus-only")
arguments.removeAll { $0 == "--corpus-only" }
let corpus: URL = {
    if let path = arguments.first { return URL(fileURLWithPath: path) }
    let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    if FileManager.default.fileExists(atPath: shared.path) { return shared }
    return packageRoot.appendingPathComponent("Fixtures")
}()

/// Every regular file under `folder`, sorted.
func files(under folder: URL) -> [String] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var paths: [String] = []
    for case let url as URL in walker {
        let name = url.lastPathComponent
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
            name.hasSuffix(".json") || name.hasSuffix(".xml") || name.hasSuffix(".txt")
        else { continue }
        paths.append(url.path)
    }
    return paths.sorted()
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let extractor = ScheduleExtractor()

// (1) Throughput over the corpus.
var studies: [Study] = []
var readErrors = 0
let reader = RegistryReader()
for path in files(under: corpus) {
    do {
        try reader.read(path: path) { result in
            switch result {
            case .success(let record): studies.append(record.study)
            case .failure: readErrors += 1
            }
        }
    } catch {
        readErrors += 1
    }
}
let textBytes = studies.reduce(0) { sum, study in sum + study.scheduleTextFields.reduce(0) { $0 + $1.value.utf8.count } }
print("extract-bench: corpus \(corpus.path)")
print("  records read: \(studies.count) (\(readErrors) could not be read), text: \(textBytes) bytes")
if textBytes > 0 {
    var facts = 0
    var times: [Double] = []
    for _ in 0..<rounds {
        facts = 0
        times.append(seconds { for study in studies { facts += extractor.extract(study).count } })
    }
    let mb = Double(textBytes) / 1e6
    print(
        String(
            format: "  throughput: %.1f MB/s median, %.1f MB/s best of %d rounds (%.3f s per round, %d facts)",
            mb / median(times), mb / times.min()!, rounds, median(times), facts))
}

// (2) Adversarial text: long digit runs, repeated "x 10", unclosed brackets, endless lists, no full stop.
let chunk = [
    String(repeating: "1234567890", count: 40), " mg ",
    String(repeating: "1 x 10 x 10^", count: 12), " cells/kg ",
    String(repeating: "((( every (day (", count: 8), " ",
    String(repeating: "days 1, 2-3, -4 and ", count: 8), " ",
    String(repeating: "± ±1 +/- (-3/+ ", count: 6), " ",
    String(repeating: "M1, D14, Month 2, at 6 and ", count: 6), " ",
    String(repeating: "for up to at least x 3 q 2 every 2 or ", count: 4), " ",
    String(repeating: "10e10E10e", count: 10), " 5 x 106 x 108/kg ",
].joined()

func adversarialText(bytes: Int) -> String {
    var text = ""
    text.reserveCapacity(bytes + chunk.utf8.count)
    while text.utf8.count < bytes { text += chunk }
    return String(decoding: Array(text.utf8.prefix(bytes)), as: UTF8.self)
}

if corpusOnly { exit(0) }
let adversarialRounds = max(rounds, 5)
print("  adversarial text (one field; each size repeated to 4 MB per measurement, best of \(adversarialRounds)):")
var previous: Double?
for kilobytes in [125, 250, 500, 1000] {
    let text = adversarialText(bytes: kilobytes * 1000)
    // Small sizes are extracted several times per measurement, so that every measurement is long enough to
    // time reliably on a busy machine.
    let repeats = max(1, 4000 / kilobytes)
    var best = Double.infinity
    var facts = 0
    for _ in 0..<adversarialRounds {
        let total = seconds {
            for _ in 0..<repeats { facts = extractor.extract(text, field: .detailedDescription).count }
        }
        best = min(best, total / Double(repeats))
    }
    let ratio = previous.map { String(format: "  x%.2f per doubling", best / $0) } ?? ""
    print(String(format: "    %5d KB  %8.4f s  %6d facts", kilobytes, best, facts) + ratio)
    previous = best
}
