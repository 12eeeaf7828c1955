/// Every rule ctlint knows, in the order `ctlint rules` lists them.
public enum RuleCatalog {
    public static let all: [any Rule] = registry + consistency + `protocol`

    /// The registry's own checks, in the order of registry-facts §1.3.
    public static let registry: [any Rule] = [
        SchemaValidity(),
        NCTIDFormat(),
        OrgStudyIDMissing(), OrgStudyIDTooLong(),
        BriefTitleMissing(), BriefTitleTooLong(),
        OfficialTitleMissing(), OfficialTitleTooLong(),
        AcronymTooLong(), SecondaryIDTooLong(),
        BriefSummaryMissing(), BriefSummaryTooLong(), DetailedDescriptionTooLong(),
        WhyStoppedMissing(), WhyStoppedUnexpected(), WhyStoppedTooLong(),
        UnknownCode(),
        LocationRecruitingStatus(),
        DateFormat(), StatusVerifiedDateFormat(), DateOrder(), DateTypeCalendar(), StatusDateType(), StaleStatus(),
        PhaseCombination(), PhaseNotInterventional(),
        DesignFieldsStudyType(), InterventionalDesignMissing(),
        SingleGroupArmCount(), ModelArmCount(), RandomizedSingleArm(),
        MaskingWhoMasked(),
        InterventionMissing(), InterventionIncomplete(), InterventionDescriptionMissing(), InterventionTextTooLong(),
        ArmLabel(), ArmType(), ArmDescriptionTooLong(),
        InterventionArmLabelUnknown(), ArmInterventionNameUnknown(), ArmInterventionLinks(),
        EnrollmentStatus(),
        EligibilityCriteriaMissing(), EligibilityCriteriaTooLong(), AgeLimits(),
        ObservationalOnlyFields(), BiospecimenDescription(), TargetDuration(), DesignDescriptionTooLong(),
        USLocationAddress(), FacilityNameTooLong(),
        ContactsMissing(),
        PrimaryOutcomeMissing(), OutcomeIncomplete(), OutcomeTitleNonSpecific(), OutcomeTimeFrameNumberOnly(),
        SponsorName(),
    ]

    /// Agreement between the fields of one record.
    public static let consistency: [any Rule] = [
        DoseContradiction(), DoseLostSuperscript(),
        AdministrationCountContradiction(), AdministrationCountIntervals(),
        TimepointOrder(), FollowUpBeforeEndOfTreatment(),
        SingleArmTextArmCount(),
        VisitCodeGap(),
    ]

    /// Agreement between a record and its protocol file, each kind of fact as a contradiction and as a
    /// promise the record does not state.
    public static let `protocol`: [any Rule] = [
        DoseMismatch(), DoseMissing(),
        RouteMismatch(), RouteMissing(),
        AdministrationCountMismatch(), AdministrationCountMissing(),
        CycleMismatch(), CycleMissing(),
        IntervalMismatch(), IntervalMissing(),
        WindowMismatch(), WindowMissing(),
        TimepointMismatch(), TimepointMissing(),
        PeriodMismatch(), PeriodMissing(),
        DesignMismatch(), DesignMissing(),
    ]

    /// The rule with the given id.
    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.ruleDescription.id == id }
    }

    /// The descriptions of every rule.
    public static var descriptions: [RuleDescription] { all.map(\.ruleDescription) }
}
