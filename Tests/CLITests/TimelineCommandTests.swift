import Foundation
import Testing
import TestSupport

/// `ctlint timeline` run as a program on the reference study.
@Suite struct TimelineCommandTests {
    static let record = TestPaths.fixture("reference/NCT06813157.description-module.txt").path
    static let protocolFile = TestPaths.fixture("reference/NCT06813157.protocol.yaml").path

    static func golden(_ name: String) throws -> String {
        try String(contentsOf: TestPaths.fixture("golden/timeline/" + name), encoding: .utf8)
    }

    @Test func theSVGWithTheProtocolIsTheGoldenOne() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let svg = folder.appendingPathComponent("t.svg").path, html = folder.appendingPathComponent("t.html").path
            let result = try runCTLint(["timeline", Self.record, "--protocol", Self.protocolFile, "--svg", svg, "--html", html])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.isEmpty)
            #expect(try String(contentsOfFile: svg, encoding: .utf8) == Self.golden("NCT06813157.protocol.svg"))
            let page = try String(contentsOfFile: html, encoding: .utf8)
            #expect(page.contains("<svg width=\"960\""))
            #expect(page.contains("No protocol rule finds the record disagreeing with the protocol."))
            #expect(!page.contains("http://") && !page.contains("https://"), "the page is self-contained")
        }
    }

    @Test func withoutAnOutputFileItPrintsTheTextRendering() throws {
        let result = try runCTLint(["timeline", Self.record])
        #expect(result.status == 0)
        #expect(result.standardOutput == (try Self.golden("NCT06813157.txt")))
        #expect(!result.standardOutput.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func aProtocolTheRecordDoesNotKeepIsMarkedAndExitsOne() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let text = try String(contentsOfFile: Self.protocolFile, encoding: .utf8)
                .replacingOccurrences(of: "{ day: 21, window: ±P3D }", with: "{ day: 14, window: ±P3D }")
            let changed = folder.appendingPathComponent("changed.yaml")
            try text.write(to: changed, atomically: true, encoding: .utf8)
            let result = try runCTLint(["timeline", Self.record, "--protocol", changed.path])
            #expect(result.status == 1)
            #expect(result.standardOutput.contains("[1] mesenchymal stem cells: administration 3 on day 14 promised, day 21 stated"))
            #expect(result.standardOutput.contains("is stated nowhere in the record [interval-missing]"), "the protocol rules' findings are listed")
        }
    }

    @Test func anUnreadableRecordOrProtocolExitsTwo() throws {
        let missing = try runCTLint(["timeline", "no-such-record.json"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no-such-record.json"))
        let badProtocol = try runCTLint(["timeline", Self.record, "--protocol", Self.record])
        #expect(badProtocol.status == 2)
        #expect(badProtocol.standardError.contains("error"))
    }
}
