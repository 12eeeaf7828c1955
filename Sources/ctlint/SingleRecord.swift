import ArgumentParser
import RegistryFormats
import RegistryModel

/// Reads a file that must hold exactly one record (`baseline`, `timeline`), reporting failures the way
/// every command does: the read error, or how many records the file holds, and exit status 2.
enum SingleRecord {
    static func read(_ path: String, purpose: String) throws -> Record {
        var records: [Record] = []
        var failure: ReadError?
        do {
            try RegistryReader().read(path: path) { result in
                switch result {
                case .success(let record): records.append(record)
                case .failure(let error): failure = failure ?? error
                }
            }
        } catch let error as ReadError {
            failure = error
        }
        if let failure {
            FileHandleOutput.standardError.write("\(failure)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        guard records.count == 1, let record = records.first else {
            FileHandleOutput.standardError.write("\(path): error: \(purpose) for one record; the file holds \(records.count)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        return record
    }
}
