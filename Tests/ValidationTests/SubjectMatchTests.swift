import ScheduleModel
import Testing
@testable import Validation

/// `ProtocolComparison.sameIntervention`: ASCII names are compared by their bytes, and must agree with the
/// search of the padded names that other text still gets.
@Suite struct SubjectMatchTests {
    static let pairs: [(String, String, Bool)] = [
        ("Aspirin", "aspirin", true),
        ("mesenchymal stem cells", "Stem Cells", true),
        ("stem cells", "mesenchymal stem cells infusion", true),
        ("cell", "mesenchymal stem cells", false),
        ("Cisplatin", "cisplatin  and docetaxel", true),
        ("docetaxel", "cisplatin and docetaxel", true),
        ("platin", "cisplatin", false),
        ("Drug A", "drug a", true),
        ("drug a", "drug ab", false),
        ("ab", "drug ab", true),
        ("a b", "a  b c", true),
        ("IL-2", "il-2 infusion", true),
        ("Ibuprofène", "ibuprofène 400", true),
        ("ibuprofène", "ibuprofen", false),
        ("", "aspirin", false),
        ("   ", "aspirin", false),
    ]

    @Test(arguments: pairs)
    func matchesThePaddedSearch(_ name: String, _ subject: String, _ same: Bool) {
        #expect(ProtocolComparison.sameIntervention(name, subject) == same)
        #expect(ProtocolComparison.sameIntervention(subject, name) == same)
        guard let a = ScheduleBuilder.subjectKey(name), let b = ScheduleBuilder.subjectKey(subject) else { return }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        #expect(ProtocolComparison.sameIntervention(keys: a, b) == (a == b || " \(long) ".contains(" \(short) ")))
    }
}
