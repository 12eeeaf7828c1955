// Prints where `ctlint scan` spends its time, stage by stage and format by format, on one core:
// reading (parse and map into the model), schedule extraction, validation, and writing the rows into
// SQLite. With the scan benchmark's end-to-end figures, it says which stage to make faster.
//
//     swift run -c release --package-path Benchmarks scan-stages [--rounds N] [--validate-schema] [PATH...]
//
// With --validate-schema, XML records are validated against their schema while they are read, as
// `ctlint scan --validate-schema` does; the read column then includes validation.
//
// Every file under the paths (by default the shared corpus: json-v2, xml-legacy, json-classic) is loaded
// into memory first. Times are the thread's CPU time, so that other processes on a shared machine do
// not change the figures; the best of N rounds (default 3) is reported for each stage.

import BenchSupport
import BulkScan
import Foundation
import RegistryFormats
import RegistryModel
import ScheduleExtraction
import Validation

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 3
if arguments.first == "--rounds", arguments.count > 1, let count = Int(arguments[1]), count > 0 {
    rounds = count
    arguments.removeFirst(2)
}
let validatesSchema = arguments.contains("--validate-schema")
arguments.removeAll { $0 == "--validate-schema" }
let paths = arguments.isEmpty ? [sharedCorpus] : arguments.map { URL(fileURLWithPath: $0) }

var inputs: [(name: String, bytes: [UInt8])] = []
for path in paths {
    for file in files(under: path, extensions: ["json", "xml", "jsonl", "txt"]) {
        inputs.append((file.path, try Array(Data(contentsOf: file))))
    }
}
guard !inputs.isEmpty else {
    FileHandle.standardError.write(Data("scan-stages: no record files under \(paths.map(\.path))\n".utf8))
    exit(2)
}

struct Stages {
    var read = Double.infinity, extract = Double.infinity, validate = Double.infinity, write = Double.infinity
    var records = 0, bytes = 0
}

let reader = RegistryReader(options: ReadOptions(validatesSchema: validatesSchema))
let extractor = ScheduleExtractor()
// As a scan's worker keeps one.
var extraction = ScheduleExtractor.Workspace()
let engine = ValidationEngine(today: PartialDate(year: 2025, month: 12, day: 1)!)
var byFormat: [RecordFormat: Stages] = [:]
let database = FileManager.default.temporaryDirectory.appendingPathComponent("scan-stages-\(getpid()).sqlite").path
defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }

for _ in 0..<rounds {
    var times: [RecordFormat: (read: Double, extract: Double, validate: Double, records: Int, bytes: Int)] = [:]
    var results: [(RecordFormat, ItemResult)] = []
    for input in inputs {
        var records: [Record] = []
        let start = threadCPUTime()
        try? reader.read(bytes: input.bytes, name: input.name) { if case .success(let r) = $0 { records.append(r) } }
        let read = threadCPUTime() - start
        guard let format = records.first?.source.format else { continue }
        var scanned: [ScannedRecord] = []
        var extractTime = 0.0
        var validateTime = 0.0
        for record in records {
            let t0 = threadCPUTime()
            let facts = extractor.extract(record.study, in: &extraction)
            let t1 = threadCPUTime()
            let diagnostics = engine.check(record, facts: facts)
            validateTime += threadCPUTime() - t1
            extractTime += t1 - t0
            scanned.append(ScannedRecord(
                source: input.name, member: nil, recordIndex: record.source.index, nctID: record.study.nctId,
                format: format, title: nil, overallStatus: nil, phases: [], studyType: nil, facts: facts,
                diagnostics: diagnostics, contentHash: ContentHash(input.bytes)))
        }
        var t = times[format] ?? (0, 0, 0, 0, 0)
        t.read += read
        t.extract += extractTime
        t.validate += validateTime
        t.records += records.count
        t.bytes += input.bytes.count
        times[format] = t
        if !scanned.isEmpty { results.append((format, ItemResult(item: nil, contentHash: nil, records: scanned, failures: []))) }
    }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    let sink = try SQLiteSink(path: database)
    try sink.begin(ScanInfo(startedAt: utcTimestamp(), inputs: [], options: [], toolVersion: "bench"))
    // The sink batches rows into transactions across formats, so its time is shared out by records.
    let start = threadCPUTime()
    for (ordinal, (_, result)) in results.enumerated() {
        let item = InputItem(source: result.records[0].source, location: .file, size: 0, ordinal: ordinal)
        try sink.write(ItemResult(item: item, contentHash: result.records[0].contentHash, records: result.records, failures: []))
    }
    try sink.finish(ScanTotals())
    let writing = threadCPUTime() - start
    let total = times.values.reduce(0) { $0 + $1.records }
    for (format, t) in times {
        var s = byFormat[format] ?? Stages()
        s.read = min(s.read, t.read)
        s.extract = min(s.extract, t.extract)
        s.validate = min(s.validate, t.validate)
        s.write = min(s.write, writing * Double(t.records) / Double(max(total, 1)))
        s.records = t.records
        s.bytes = t.bytes
        byFormat[format] = s
    }
}

func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
print("scan-stages: \(inputs.count) files, best of \(rounds) rounds, CPU ms per record on one core (MB/s)"
    + (validatesSchema ? "; XML validated against its schema while read" : ""))
print("format         records     MB     read        extract     validate    write       total")
var all = Stages()
all.read = 0; all.extract = 0; all.validate = 0; all.write = 0
for format in RecordFormat.allCases {
    guard let s = byFormat[format] else { continue }
    let n = Double(s.records)
    let mb = Double(s.bytes) / 1e6
    func cell(_ t: Double) -> String { "\(f(t / n * 1000)) (\(f(mb / t, 0)))".padding(toLength: 12, withPad: " ", startingAt: 0) }
    let total = s.read + s.extract + s.validate + s.write
    print(format.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
        + String(s.records).padding(toLength: 8, withPad: " ", startingAt: 0) + f(mb, 1).padding(toLength: 7, withPad: " ", startingAt: 0)
        + cell(s.read) + cell(s.extract) + cell(s.validate) + cell(s.write) + cell(total))
    all.read += s.read; all.extract += s.extract; all.validate += s.validate; all.write += s.write
    all.records += s.records; all.bytes += s.bytes
}
let n = Double(all.records)
let total = all.read + all.extract + all.validate + all.write
print("all            \(all.records)  \(f(Double(all.bytes) / 1e6, 1))  read \(f(all.read / n * 1000)) ms, extract \(f(all.extract / n * 1000)) ms, validate \(f(all.validate / n * 1000)) ms, write \(f(all.write / n * 1000)) ms: \(f(total / n * 1000)) ms per record, \(f(Double(all.bytes) / 1e6 / total, 1)) MB/s per core")
