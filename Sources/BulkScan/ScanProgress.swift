/// How far a scan has come, handed to the progress observer a few times a second.
public struct ScanProgress: Sendable {
    public let items: Int
    public let records: Int
    public let failures: Int
    public let bytes: Int
    public let seconds: Double
    /// The inputs' total count and bytes, once a separate walk has counted them; `nil` until then.
    public let expected: (items: Int, bytes: Int)?

    public init(items: Int, records: Int, failures: Int, bytes: Int, seconds: Double, expected: (items: Int, bytes: Int)?) {
        self.items = items
        self.records = records
        self.failures = failures
        self.bytes = bytes
        self.seconds = seconds
        self.expected = expected
    }

    /// Seconds left at the speed so far, by bytes; `nil` while the total is unknown.
    public var secondsLeft: Double? {
        guard let expected, expected.bytes > 0, bytes > 0, seconds > 0 else { return nil }
        let left = Double(max(0, expected.bytes - bytes))
        return left / (Double(bytes) / seconds)
    }

    /// One line for a terminal: `12,345 records (45%)  2,100 records/s  61.3 MB/s  ETA 0:42  3 failed`.
    public var line: String {
        var parts = ["\(grouped(records)) records"]
        if let expected, expected.bytes > 0 {
            parts[0] += " (\(min(100, bytes * 100 / expected.bytes))%)"
        }
        if seconds > 0 {
            parts.append("\(grouped(Int(Double(records) / seconds))) records/s")
            parts.append("\(format(Double(bytes) / 1e6 / seconds, digits: 1)) MB/s")
        }
        if let left = secondsLeft { parts.append("ETA \(clock(left))") }
        if failures > 0 { parts.append("\(grouped(failures)) failed") }
        return parts.joined(separator: "  ")
    }

    private func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}
