import Foundation
import RegistryFormats
import RegistryModel
import ScheduleExtraction
import Validation

/// What every worker applies to a record, and how.
public struct ScanSettings: Sendable {
    /// How records are read; by default without validating XML against its schema, which would make
    /// reading legacy XML about a third slower (`ctlint scan --validate-schema` turns it on).
    public var readOptions: ReadOptions
    public var extractor: ScheduleExtractor
    public var engine: ValidationEngine
    /// The number of worker threads.
    public var jobs: Int
    /// Read every item again, even when its bytes have the hash an earlier scan stored.
    public var force: Bool
    /// Files up to this size are read into memory whole (and hashed before parsing); larger ones,
    /// such as a JSON-lines file of many records, are streamed.
    public var wholeFileLimit: Int

    public init(
        readOptions: ReadOptions = ReadOptions(validatesSchema: false), extractor: ScheduleExtractor = ScheduleExtractor(),
        engine: ValidationEngine, jobs: Int, force: Bool = false, wholeFileLimit: Int = 64 << 20
    ) {
        self.readOptions = readOptions
        self.extractor = extractor
        self.engine = engine
        self.jobs = max(1, jobs)
        self.force = force
        self.wholeFileLimit = wholeFileLimit
    }
}

/// What earlier scans into the same sink stored about items, so that an unchanged one is skipped.
public protocol EarlierScanIndex: Sendable {
    /// A reader of the stored hashes for one worker thread.
    func makeReader() throws -> any StoredHashReader
}

/// Looks up the hash an earlier scan stored for an item; used by one thread.
public protocol StoredHashReader: AnyObject {
    /// The content hash stored for the item, or `nil` when no earlier scan read it.
    func storedHash(source: String, member: String?) throws -> ContentHash?
}

/// Reads, extracts and checks input items, one at a time; each worker thread owns one.
///
/// Keeps the zip archives it has opened, since an `Archive` reads through a C `FILE` that belongs to
/// one thread.
final class ItemWorker {
    private let settings: ScanSettings
    private let earlier: (any EarlierScanIndex)?
    private var storedHashes: (any StoredHashReader)?
    private let reader: RegistryReader
    private var archives: [String: ZipArchiveReader] = [:]
    /// The arrays schedule extraction reads into, reused from record to record.
    private var extraction = ScheduleExtractor.Workspace()

    init(settings: ScanSettings, earlier: (any EarlierScanIndex)?) {
        self.settings = settings
        self.earlier = earlier
        self.reader = RegistryReader(options: settings.readOptions)
    }

    /// Everything `event` gives.
    func process(_ event: InputEvent) -> ItemResult {
        switch event {
        case .failure(let failure):
            return ItemResult(item: nil, contentHash: nil, records: [], failures: [failure])
        case .item(let item):
            do throws(ScanFailureError) {
                return try process(item)
            } catch {
                return ItemResult(item: item, contentHash: nil, records: [], failures: [error.failure])
            }
        }
    }

    private func process(_ item: InputItem) throws(ScanFailureError) -> ItemResult {
        let bytes: [UInt8]?
        let hash: ContentHash
        switch item.location {
        case .member(let member):
            let data = try archive(item.source).bytes(of: member, limit: settings.readOptions.maxRecordBytes)
            bytes = data
            hash = ContentHash(data)
        case .file where item.size <= settings.wholeFileLimit:
            let data = try FileBytes.read(item.source, limit: settings.wholeFileLimit)
            bytes = data
            hash = ContentHash(data)
        case .file:
            bytes = nil
            hash = try FileBytes.streamingHash(item.source)
        }

        var replaces = false
        if let earlier {
            let stored: ContentHash?
            do {
                if storedHashes == nil { storedHashes = try earlier.makeReader() }
                stored = try storedHashes?.storedHash(source: item.source, member: item.member)
            } catch {
                throw ScanFailureError(ScanFailure(
                    source: item.source, member: item.member, kind: .io,
                    message: "cannot look up the earlier scan of this input in the database: \(error)"))
            }
            if stored == hash, !settings.force {
                return ItemResult(item: item, contentHash: hash, records: [], failures: [], unchanged: true)
            }
            replaces = stored != nil
        }

        var records: [ScannedRecord] = []
        var failures: [ScanFailure] = []
        let handler: RegistryReader.Handler = { result in
            switch consume result {
            case .success(let record):
                let recordHash = record.document.bytes.count == bytes?.count ? hash : ContentHash(record.document.bytes)
                records.append(self.scan(record, item: item, hash: recordHash))
            case .failure(let error):
                failures.append(ScanFailure(error, item: item, recordIndex: records.count + failures.count))
            }
        }
        do {
            if let bytes {
                try reader.read(bytes: bytes, name: item.displayName, handler)
            } else {
                try reader.read(path: item.source, handler)
            }
        } catch let error as ReadError {
            failures.append(ScanFailure(error, item: item, recordIndex: records.isEmpty && failures.isEmpty ? nil : records.count + failures.count))
        } catch {
            failures.append(ScanFailure(source: item.source, member: item.member, kind: .io, message: "\(error)"))
        }
        return ItemResult(item: item, contentHash: hash, records: records, failures: failures, replacesEarlierRows: replaces)
    }

    /// Extracts and checks one record; the rules that read schedule facts get the ones extracted here.
    ///
    /// The record is handed on to validation, its last use, rather than copied into the rules' context.
    private func scan(_ record: consuming Record, item: InputItem, hash: ContentHash) -> ScannedRecord {
        let facts = settings.extractor.extract(record.study, in: &extraction)
        let recordIndex = record.source.index, format = record.source.format
        let nctID = record.study.nctId, title = record.study.identification.briefTitle?.value
        let overallStatus = record.study.status.overallStatus?.value.v2Spelling
        let phases = record.study.design.phases.map(\.value.v2Spelling), studyType = record.study.design.studyType?.value.v2Spelling
        let diagnostics = settings.engine.check(record, facts: facts)
        return ScannedRecord(
            source: item.source, member: item.member, recordIndex: recordIndex, nctID: nctID, format: format, title: title,
            overallStatus: overallStatus, phases: phases, studyType: studyType, facts: facts, diagnostics: diagnostics,
            contentHash: hash)
    }

    private func archive(_ path: String) throws(ScanFailureError) -> ZipArchiveReader {
        if let open = archives[path] { return open }
        let opened = try ZipArchiveReader(path: path)
        archives[path] = opened
        return opened
    }
}

/// Reading whole files with plain system calls.
enum FileBytes {
    /// The bytes of the file at `path`, refused when larger than `limit`.
    static func read(_ path: String, limit: Int) throws(ScanFailureError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioFailure(path, "cannot open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioFailure(path, "cannot read") }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ScanFailureError(ScanFailure(source: path, kind: .tooLarge, message: "the file grew past \(limit >> 20) MiB while being scanned"))
        }
        var failed: Int32 = 0
        // Read straight into the array's storage, without first filling it with zeros; only the bytes
        // read become its elements, so a file that shrank while being read is read as far as it goes.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failed = errno }
                if n <= 0 { break }
                done += n
            }
            count = done
        }
        if failed != 0 { throw ioFailure(path, "cannot read", errno: failed) }
        return bytes
    }

    /// The content hash of a file too large to hold whole, read in chunks.
    static func streamingHash(_ path: String) throws(ScanFailureError) -> ContentHash {
        // XXH64 of a whole large file would need the streaming form of the algorithm; a file this large is
        // a many-record file, so its hash is taken over the hashes of 1 MiB chunks.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioFailure(path, "cannot open") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var digests: [UInt8] = []
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw ioFailure(path, "cannot read") }
            if n == 0 { break }
            let value = chunk.withUnsafeBytes { ContentHash.xxh64(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            withUnsafeBytes(of: value.littleEndian) { digests.append(contentsOf: $0) }
        }
        return ContentHash(digests)
    }

    private static func ioFailure(_ path: String, _ what: String, errno code: Int32 = errno) -> ScanFailureError {
        ScanFailureError(ScanFailure(source: path, kind: .io, message: "\(what): \(String(cString: strerror(code)))"))
    }
}
