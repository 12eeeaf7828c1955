import Foundation

/// What every benchmark executable needs to find its inputs and time itself, kept here once.

/// `../shared/corpus` beside the repository: the corpus a benchmark reads when it is given no paths.
public let sharedCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpus")

/// The regular files at or under `url`, sorted by path; only those whose extension is in `extensions`,
/// when it is given. A `url` that is a file is returned as it is; one that does not exist gives nothing.
public func files(under url: URL, extensions: Set<String>? = nil) -> [URL] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [url] }
    let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
    return names.sorted().map { url.appendingPathComponent($0) }.filter {
        if let extensions, !extensions.contains($0.pathExtension) { return false }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isFolder) && !isFolder.boolValue
    }
}

/// The CPU time the calling thread has used, in seconds.
public func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
