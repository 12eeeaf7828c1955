import Foundation
import RegistryFormats

/// Reads registry files with `RegistryReader`, single-threaded, and prints the read speed.
///
/// Usage: `read-benchmark [--repeat N] PATH...` where each PATH is a file or a folder (read
/// recursively). Files are read from memory, so the figure is parsing speed, not disk speed.
@main
struct ReadBenchmark {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var repeats = 3
        if let flag = arguments.firstIndex(of: "--repeat"), flag + 1 < arguments.count, let n = Int(arguments[flag + 1]) {
            repeats = n
            arguments.removeSubrange(flag...(flag + 1))
        }
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: read-benchmark [--repeat N] PATH...\n".utf8))
            exit(2)
        }
        let files = try arguments.flatMap(filesUnder).sorted()
        let contents = try files.map { (name: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        let totalBytes = contents.reduce(0) { $0 + $1.bytes.count }
        let reader = RegistryReader()
        var best = Double.infinity
        var bestCPU = Double.infinity
        var records = 0
        var failures = 0
        for _ in 0..<repeats {
            records = 0
            failures = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let startCPU = threadCPUSeconds()
            for file in contents {
                do {
                    try reader.read(bytes: file.bytes, name: file.name) { result in
                        if case .success = result { records += 1 } else { failures += 1 }
                    }
                } catch {
                    failures += 1
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
        }
        let megabytes = Double(totalBytes) / 1e6
        print(String(format: "%d files, %.1f MB, %d records, %d failures", files.count, megabytes, records, failures))
        print(String(format: "best of %d: %.3f s, %.1f MB/s, %.0f records/s (one core)", repeats, best, megabytes / best,
            Double(records) / best))
        // CPU time is what the reading costs even when other processes share the core.
        print(String(format: "best of %d in CPU time: %.3f s, %.1f MB/s", repeats, bestCPU, megabytes / bestCPU))
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func filesUnder(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { files.append(full) }
        }
        return files
    }
}
