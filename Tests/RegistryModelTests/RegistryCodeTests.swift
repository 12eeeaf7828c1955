import Testing
@testable import RegistryModel

@Suite struct RegistryCodeTests {
    @Test func readsV2CodesLegacyLabelsAndAliases() {
        #expect(Phase(spelling: "PHASE2") == .phase2)
        #expect(Phase(spelling: "Phase 2") == .phase2)
        #expect(Phase(spelling: "Early Phase 1") == .earlyPhase1)
        #expect(Phase(spelling: "Not Applicable") == .notApplicable)
        #expect(OverallStatus(spelling: "Active, not recruiting") == .activeNotRecruiting)
        #expect(OverallStatus(spelling: "Unknown status") == .unknown)
        #expect(InterventionModel(spelling: "Single Group Assignment") == .singleGroup)
        #expect(PrimaryPurpose(spelling: "Educational/Counseling/Training") == .ect)
        #expect(DateType(spelling: "Anticipated") == .estimated)
        #expect(DateType(spelling: "Estimate") == .estimated)
        #expect(AgencyClass(spelling: "U.S. Fed") == .fed)
        #expect(Sex(spelling: "Both") == .all)
        #expect(InterventionType(spelling: "Biological/Vaccine") == .biological)
    }

    /// Folding keeps letters (any script) and ASCII digits, upper-cased, and drops everything else.
    @Test func foldKeepsLettersAndDigitsOnly() {
        #expect(RegistryCodeKey.fold("Phase 1/Phase 2") == "PHASE1PHASE2")
        #expect(RegistryCodeKey.fold("u.s. fed") == "USFED")
        #expect(RegistryCodeKey.fold("non-randomisé, phase ²") == "NONRANDOMISÉPHASE")
        #expect(RegistryCodeKey.fold("  — ") == "")
        #expect(OverallStatus(spelling: "active_not recruiting") == .activeNotRecruiting)
    }

    @Test func keepsUnknownSpellings() {
        let coded = Coded<Phase>(spelling: "Phase 5")
        #expect(coded == .unknown("Phase 5"))
        #expect(coded.v2Spelling == "Phase 5")
        #expect(Coded<Phase>(spelling: "PHASE3").code == .phase3)
    }
}
