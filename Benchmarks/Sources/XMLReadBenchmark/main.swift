// Prints how fast the legacy XML and module-text readers turn records into the model, on one core, with
// and without validating XML records against their schema.
//
//     swift run -c release --package-path Benchmarks xml-read-benchmark [--rounds N] [PATH...]
//
// Every file under the paths (by default the shared corpus's xml-legacy folder) is loaded into memory
// first, so the figure is parsing (libxml2, positions, safety checks) and mapping, not disk reading.
// Each round reads every file through `RegistryReader`, as `ctlint parse` does, so module-text files
// and any other format are measured the same way; the best round is reported. Time is the thread's CPU
// time, so that other processes on a shared machine do not change the figure.

import BenchSupport
import Foundation
import RegistryFormats

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 5
if arguments.first == "--rounds", arguments.count > 1, let count = Int(arguments[1]), count > 0 {
    rounds = count
    arguments.removeFirst(2)
}
let paths = arguments.isEmpty ? [sharedCorpus.appendingPathComponent("xml-legacy")] : arguments.map { URL(fileURLWithPath: $0) }

var inputs: [(name: String, bytes: [UInt8])] = []
for path in paths {
    for file in files(under: path) {
        inputs.append((file.path, try Array(Data(contentsOf: file))))
    }
}
let totalBytes = inputs.reduce(0) { $0 + $1.bytes.count }
guard totalBytes > 0 else {
    FileHandle.standardError.write(Data("xml-read-benchmark: no files found under \(paths.map(\.path))\n".utf8))
    exit(2)
}

/// The best of `rounds` reads of every input; (seconds, records, errors).
@MainActor func measure(_ reader: RegistryReader) -> (seconds: Double, records: Int, errors: Int) {
    var seconds = Double.infinity
    var records = 0
    var errors = 0
    for _ in 0..<rounds {
        records = 0
        errors = 0
        let start = threadCPUTime()
        for input in inputs {
            do {
                try reader.read(bytes: input.bytes, name: input.name) { result in
                    if case .success = result { records += 1 } else { errors += 1 }
                }
            } catch {
                errors += 1
            }
        }
        seconds = min(seconds, threadCPUTime() - start)
    }
    return (seconds, records, errors)
}

let megabytes = Double(totalBytes) / 1_000_000
let plain = measure(RegistryReader(options: ReadOptions(validatesSchema: false)))
let validating = measure(RegistryReader(options: ReadOptions(validatesSchema: true)))
print("xml-read-benchmark: \(inputs.count) files, \(String(format: "%.1f", megabytes)) MB, \(plain.records) records, \(plain.errors) errors")
for (label, figures) in [("reading", plain), ("reading and validating", validating)] {
    print(String(format: "%@: best of %d rounds: %.3f s CPU, %.1f MB/s, %.0f records/s (one core)",
        label, rounds, figures.seconds, megabytes / figures.seconds, Double(figures.records) / figures.seconds))
}
