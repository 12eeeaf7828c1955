// Prints how fast the JSON reader turns API v2 and classic records into the model, on one core.
//
//     swift run -c release --package-path Benchmarks json-read-benchmark [--rounds N] [FOLDER...]
//
// Every `.json` file in the folders (by default the shared corpus's json-v2 and json-classic) is loaded
// into memory first, so the figure is parsing, validation and mapping, not disk reading. Each round reads
// every file through `RegistryReader`, as `ctlint parse` does; the best round is reported. Time is the
// thread's CPU time, so that other processes on a shared machine do not change the figure.

import BenchSupport
import Foundation
import RegistryFormats
import RegistryModel

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 10
if arguments.first == "--rounds", arguments.count > 1, let count = Int(arguments[1]), count > 0 {
    rounds = count
    arguments.removeFirst(2)
}
let folders = arguments.isEmpty
    ? ["json-v2", "json-classic"].map { sharedCorpus.appendingPathComponent($0) }
    : arguments.map { URL(fileURLWithPath: $0) }

var files: [(name: String, bytes: [UInt8])] = []
for folder in folders {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
        FileHandle.standardError.write(Data("json-read-benchmark: cannot list \(folder.path)\n".utf8))
        exit(2)
    }
    for name in names.sorted() where name.hasSuffix(".json") || name.hasSuffix(".jsonl") {
        let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
        files.append((name, bytes))
    }
}
let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
guard totalBytes > 0 else {
    FileHandle.standardError.write(Data("json-read-benchmark: no JSON files found\n".utf8))
    exit(2)
}

let reader = RegistryReader()
var seconds = Double.infinity
var records = 0
var errors = 0
var fields = 0
for _ in 0..<rounds {
    records = 0
    errors = 0
    fields = 0
    let start = threadCPUTime()
    for file in files {
        try reader.read(bytes: file.bytes, name: file.name) { result in
            switch result {
            case .success(let record):
                records += 1
                fields += record.study.scheduleTextFields.count
            case .failure:
                errors += 1
            }
        }
    }
    seconds = min(seconds, threadCPUTime() - start)
}

let megabytes = Double(totalBytes) / 1_000_000
print("files:      \(files.count) (\(String(format: "%.1f", megabytes)) MB) from \(folders.map(\.lastPathComponent).joined(separator: ", "))")
print("records:    \(records) (\(fields) schedule text fields), \(errors) read errors")
print("best round: \(String(format: "%.3f", seconds)) s CPU of \(rounds)")
print("speed:      \(String(format: "%.0f", megabytes / seconds)) MB/s, \(String(format: "%.0f", Double(records) / seconds)) records/s, one core")
