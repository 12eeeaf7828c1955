// Prints how fast an upload collection of many studies is read, and how much memory reading it takes,
// which is bounded by the largest study, not by the file.
//
//     swift run -c release --package-path Benchmarks upload-read-benchmark [--copies N] [PATH...]
//
// Every API v2 and legacy XML record under the paths (by default the shared corpus's json-v2 and
// xml-legacy folders) is converted to an upload study, and the studies, repeated N times (default 10),
// are written one at a time into one `<study_collection>` in a temporary file. The file is then read
// through `RegistryReader`, as `ctlint check` reads it (validating each study against the upload schema),
// keeping nothing of a study once it is read. Time is the thread's CPU time; memory is the process's peak
// resident size, before and after reading.

import BenchSupport
import Foundation
import RegistryFormats
import RegistryModel

var arguments = Array(CommandLine.arguments.dropFirst())
var copies = 10
if arguments.first == "--copies", arguments.count > 1, let count = Int(arguments[1]), count > 0 {
    copies = count
    arguments.removeFirst(2)
}
let paths = arguments.isEmpty
    ? ["json-v2", "xml-legacy"].map { sharedCorpus.appendingPathComponent($0) } : arguments.map { URL(fileURLWithPath: $0) }

/// The process's peak resident size so far, in MB.
func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

// The file is written one study at a time (each repeated `copies` times), so that nothing but the
// study being converted is held before reading starts.
let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-read-benchmark-\(getpid()).xml")
guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
    FileHandle.standardError.write(Data("upload-read-benchmark: cannot create \(file.path)\n".utf8))
    exit(2)
}
let handle = try FileHandle(forWritingTo: file)
defer { try? FileManager.default.removeItem(at: file) }
handle.write(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\">\n".utf8))
let reader = RegistryReader(options: ReadOptions(validatesSchema: false))
var written = 0
var largest = 0
var unreadable = 0
for path in paths {
    for input in files(under: path, extensions: ["json", "xml"]) {
        let records: [Record]
        do {
            records = try reader.readAll(path: input.path)
        } catch {
            // A record ctlint cannot read has no upload form; it is counted and left out of the collection.
            unreadable += 1
            continue
        }
        let text = UploadXMLWriter().write(records).text
        // Each study's `<clinical_study>` element with its comment, as the writer writes it in a collection.
        guard let start = text.range(of: "\n  <!--"), let end = text.range(of: "</prs:study_collection>", options: .backwards)
        else { continue }
        let studies = Data(text[text.index(after: start.lowerBound)..<end.lowerBound].utf8)
        largest = max(largest, studies.count)
        for _ in 0..<copies { handle.write(studies) }
        written += records.count * copies
    }
}
handle.write(Data("</prs:study_collection>\n".utf8))
try handle.close()
guard written > 0 else {
    FileHandle.standardError.write(Data("upload-read-benchmark: no records found under \(paths.map(\.path))\n".utf8))
    exit(2)
}
let fileMB = Double((try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0) / 1_000_000

let before = peakResidentMB()
var read = 0
var violations = 0
var errors = 0
let start = threadCPUTime()
try RegistryReader().read(path: file.path) { result in
    switch result {
    case .success(let record):
        read += 1
        violations += record.schemaValidation?.violations.count ?? 0
    case .failure:
        errors += 1
    }
}
let seconds = threadCPUTime() - start
if unreadable > 0 { print("upload-read-benchmark: \(unreadable) input files could not be read and are left out") }
print("upload-read-benchmark: one collection of \(read) studies (\(copies) copies of \(read / copies)), \(String(format: "%.1f", fileMB)) MB, largest study \(String(format: "%.2f", Double(largest) / 1_000_000)) MB; \(violations) schema violations, \(errors) errors")
print(String(format: "read and validated in %.2f s CPU: %.1f MB/s, %.0f studies/s (one core)", seconds, fileMB / seconds, Double(read) / seconds))
print(String(format: "peak resident size: %.0f MB before reading, %.0f MB after (the file is %.0f MB)", before, peakResidentMB(), fileMB))
