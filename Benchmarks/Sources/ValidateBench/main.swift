// validate-bench: how much CPU `ValidationEngine.check` takes per record, format by format, with the
// records read and their schedule facts extracted beforehand, so that only validation is timed.
//
//     swift run -c release --package-path Benchmarks validate-bench [--rounds N] [--repeat K] [PATH...]
//
// PATH defaults to the shared corpus (json-v2, xml-legacy, json-classic). Each round checks every record
// K times (default 1; more for profiling); the best round is reported. Times are the thread's CPU time, so
// that other processes on a shared machine change the figures less. The number of diagnostics is printed
// too, so that a change that drops findings shows.

import BenchSupport
import Foundation
import RegistryFormats
import RegistryModel
import ScheduleExtraction
import ScheduleModel
import Validation

var arguments = Array(CommandLine.arguments.dropFirst())
/// The value of `--name N` in `arguments`, taken out of them, or `value`.
func option(_ name: String, default value: Int, in arguments: inout [String]) -> Int {
    guard let k = arguments.firstIndex(of: name), k + 1 < arguments.count, let n = Int(arguments[k + 1]), n > 0 else {
        return value
    }
    arguments.removeSubrange(k...(k + 1))
    return n
}
let rounds = option("--rounds", default: 3, in: &arguments)
let repeats = option("--repeat", default: 1, in: &arguments)
let paths = arguments.isEmpty ? [sharedCorpus] : arguments.map { URL(fileURLWithPath: $0) }

let reader = RegistryReader(options: ReadOptions())
let extractor = ScheduleExtractor()
var inputs: [(record: Record, facts: [Fact])] = []
for path in paths {
    for file in files(under: path, extensions: ["json", "xml", "jsonl", "txt"]) {
        let bytes = try Array(Data(contentsOf: file))
        try? reader.read(bytes: bytes, name: file.path) { result in
            if case .success(let record) = result { inputs.append((record, extractor.extract(record.study))) }
        }
    }
}
guard !inputs.isEmpty else {
    FileHandle.standardError.write(Data("validate-bench: no records under \(paths.map(\.path))\n".utf8))
    exit(2)
}

let engine = ValidationEngine(today: PartialDate(year: 2025, month: 12, day: 1)!)
var best: [RecordFormat: Double] = [:]
var counts: [RecordFormat: Int] = [:]
var diagnosticCount = 0
for _ in 0..<rounds {
    var times: [RecordFormat: Double] = [:]
    diagnosticCount = 0
    for (record, facts) in inputs {
        let start = threadCPUTime()
        for _ in 0..<repeats { diagnosticCount += engine.check(record, facts: facts).count }
        times[record.source.format, default: 0] += threadCPUTime() - start
    }
    for (format, time) in times { best[format] = min(best[format] ?? .infinity, time) }
}
for (record, _) in inputs { counts[record.source.format, default: 0] += 1 }

print("validate-bench: \(inputs.count) records, \(diagnosticCount / repeats) diagnostics, best of \(rounds) rounds"
    + " of \(repeats) check\(repeats == 1 ? "" : "s") per record; CPU ms per record")
var total = 0.0
for format in RecordFormat.allCases {
    guard let time = best[format], let n = counts[format] else { continue }
    total += time
    print(format.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
        + String(n).padding(toLength: 8, withPad: " ", startingAt: 0)
        + String(format: "%.4f", time / Double(n * repeats) * 1000))
}
print("all           \(String(inputs.count).padding(toLength: 8, withPad: " ", startingAt: 0))"
    + String(format: "%.4f", total / Double(inputs.count * repeats) * 1000))
