import Foundation
import GRDB
import RegistryModel
import TestSupport
import Validation
import ZIPFoundation

@testable import BulkScan

/// A folder under the system's temporary folder, removed when the test is done with it.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bulkscan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target
    }
}

/// The real records copied from the corpus into Fixtures (see Fixtures/SOURCES.md).
enum Records {
    static let names = [
        "json-v2/NCT00080808.json", "json-v2/NCT01589588.json", "json-v2/NCT06604689.json",
        "xml-legacy/NCT00000102.xml", "xml-legacy/NCT00482794.xml", "json-classic/NCT04780100.json",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestPaths.fixture("corpus/" + name)))
    }

    /// Inputs that cannot be read, each for a different reason, made from real records.
    static func bad() throws -> [(name: String, bytes: [UInt8], kind: ScanFailure.Kind)] {
        let json = try bytes("json-v2/NCT00080808.json")
        var latin1 = try bytes("xml-legacy/NCT00000102.xml")
        // An `é` written in Latin-1, as a record re-encoded by another tool would have it.
        let title = latin1.firstRange(of: Array("<brief_title>".utf8))!.upperBound
        latin1.insert(0xE9, at: title)
        return [
            ("truncated.json", Array(json.prefix(json.count / 2)), .malformed),
            ("latin1.xml", latin1, .encoding),
            ("empty.json", [], .empty),
            ("not-a-record.json", Array(#"{"hello": "world"}"#.utf8), .notARecord),
        ]
    }
}

/// A zip archive built with ZIPFoundation: deflated members, and stored members that can be damaged.
struct ZipBuilder {
    var members: [(path: String, bytes: [UInt8], stored: Bool)] = []

    mutating func add(_ path: String, _ bytes: [UInt8], stored: Bool = false) {
        members.append((path, bytes, stored))
    }

    func write(to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for member in members {
            let data = Data(member.bytes)
            try archive.addEntry(
                with: member.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: member.stored ? .none : .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }
}

/// Runs a scan of `inputs` into `sink`.
@discardableResult
func scan(
    _ inputs: [String], into sink: any ScanSink, jobs: Int = 2, force: Bool = false, control: ScanControl = ScanControl()
) throws -> ScanTotals {
    let engine = ValidationEngine(today: PartialDate(year: 2025, month: 6, day: 1)!)
    let settings = ScanSettings(engine: engine, jobs: jobs, force: force)
    let info = ScanInfo(startedAt: utcTimestamp(), inputs: inputs, options: [("jobs", String(jobs))], toolVersion: "test")
    return try BulkScanner(inputs: inputs, settings: settings).run(into: sink, info: info, control: control)
}

/// Reads a scan database.
func database(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    return try DatabaseQueue(path: path, configuration: configuration)
}

func count(_ db: DatabaseQueue, _ sql: String) throws -> Int {
    try db.read { try Int.fetchOne($0, sql: sql) ?? -1 }
}
