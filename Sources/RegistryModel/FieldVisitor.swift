/// Visits every value of a study, in declaration order, without reflection.
///
/// Rules that look at all fields at once (which modules a record holds, which codes are unknown) walk the
/// study with a visitor. The walk is written out field by field: `Mirror` made the same walk the largest
/// cost of a bulk scan. `FieldVisitorTests` checks it reaches every field `Mirror` finds.
public protocol FieldVisitor {
    /// Called for every field, coded or not, with the module path it belongs to.
    @inlinable
    mutating func visit(_ origin: Origin, module: FieldPath)
    /// Called for every enumerated field, after `visit(_:module:)`.
    @inlinable
    mutating func visitCoded<Code: RegistryCode>(_ field: Field<Coded<Code>>)
}

extension FieldVisitor {
    public mutating func visitCoded<Code: RegistryCode>(_ field: Field<Coded<Code>>) {}
}

extension Study {
    /// Walks every field of the study's modules with `visitor`.
    ///
    /// Inlinable, as is the walk, so that each visitor gets a walk specialised for it and for each field
    /// type: the generic walk spent most of its time looking up type metadata.
    @inlinable
    public func visitFields<V: FieldVisitor>(_ visitor: inout V) {
        var walk = Walk(visitor: visitor)
        walk.identification(identification)
        walk.status(status)
        walk.sponsors(sponsors)
        walk.description(description)
        walk.conditions(conditions)
        walk.design(design)
        walk.armsInterventions(armsInterventions)
        walk.outcomes(outcomes)
        walk.eligibility(eligibility)
        walk.contactsLocations(contactsLocations)
        visitor = walk.visitor
    }
}

/// The field-by-field walk behind `Study.visitFields`.
@usableFromInline
struct Walk<V: FieldVisitor> {
    @usableFromInline var visitor: V
    @usableFromInline var module = FieldPath.protocolSection

    @inlinable
    init(visitor: V) {
        self.visitor = visitor
    }

    @inlinable
    mutating func field<T>(_ field: Field<T>?) {
        if let field { visitor.visit(field.origin, module: module) }
    }

    @inlinable
    mutating func fields<T>(_ fields: [Field<T>]) {
        for field in fields { visitor.visit(field.origin, module: module) }
    }

    @inlinable
    mutating func coded<Code: RegistryCode>(_ field: Field<Coded<Code>>?) {
        guard let field else { return }
        visitor.visit(field.origin, module: module)
        visitor.visitCoded(field)
    }

    @inlinable
    mutating func coded<Code: RegistryCode>(_ fields: [Field<Coded<Code>>]) {
        for field in fields { coded(field) }
    }

    @inlinable
    mutating func date(_ date: DateStruct?) {
        guard let date else { return }
        field(date.date)
        coded(date.type)
    }

    @inlinable
    mutating func sponsor(_ sponsor: Sponsor?) {
        guard let sponsor else { return }
        field(sponsor.name)
        coded(sponsor.agencyClass)
    }

    /// By index, field by field: a whole contact copied out of its array retains each of its values.
    @inlinable
    mutating func contacts(_ contacts: [Contact]) {
        for k in contacts.indices {
            field(contacts[k].name)
            coded(contacts[k].role)
            field(contacts[k].affiliation)
            field(contacts[k].phone)
            field(contacts[k].email)
        }
    }

    @inlinable
    mutating func identification(_ m: Identification) {
        module = .identificationModule
        field(m.nctId)
        fields(m.nctIdAliases)
        field(m.orgStudyId)
        fields(m.secondaryIds)
        field(m.briefTitle)
        field(m.officialTitle)
        field(m.acronym)
        field(m.organization)
        coded(m.organizationClass)
    }

    @inlinable
    mutating func status(_ m: Status) {
        module = .statusModule
        coded(m.overallStatus)
        coded(m.lastKnownStatus)
        field(m.statusVerifiedDate)
        field(m.whyStopped)
        date(m.startDate)
        date(m.primaryCompletionDate)
        date(m.completionDate)
        field(m.studyFirstSubmitDate)
        date(m.studyFirstPostDate)
        date(m.lastUpdatePostDate)
    }

    @inlinable
    mutating func sponsors(_ m: Sponsors) {
        module = .sponsorCollaboratorsModule
        coded(m.responsiblePartyType)
        sponsor(m.leadSponsor)
        for k in m.collaborators.indices {
            field(m.collaborators[k].name)
            coded(m.collaborators[k].agencyClass)
        }
    }

    @inlinable
    mutating func description(_ m: Description) {
        module = .descriptionModule
        field(m.briefSummary)
        field(m.detailedDescription)
    }

    @inlinable
    mutating func conditions(_ m: Conditions) {
        module = .conditionsModule
        fields(m.conditions)
        fields(m.keywords)
    }

    @inlinable
    mutating func design(_ m: Design) {
        module = .designModule
        coded(m.studyType)
        field(m.patientRegistry)
        field(m.targetDuration)
        coded(m.phases)
        coded(m.allocation)
        coded(m.interventionModel)
        field(m.interventionModelDescription)
        coded(m.primaryPurpose)
        coded(m.observationalModel)
        coded(m.timePerspective)
        coded(m.masking)
        field(m.maskingDescription)
        coded(m.whoMasked)
        coded(m.bioSpecRetention)
        field(m.bioSpecDescription)
        if let enrollment = m.enrollment {
            field(enrollment.count)
            coded(enrollment.type)
        }
        field(m.numberOfArms)
    }

    @inlinable
    mutating func armsInterventions(_ m: ArmsInterventions) {
        module = .armsInterventionsModule
        // By index, field by field, as for outcomes and locations.
        for k in m.armGroups.indices {
            field(m.armGroups[k].label)
            coded(m.armGroups[k].type)
            field(m.armGroups[k].description)
            fields(m.armGroups[k].interventionNames)
        }
        for k in m.interventions.indices {
            coded(m.interventions[k].type)
            field(m.interventions[k].name)
            field(m.interventions[k].description)
            fields(m.interventions[k].armGroupLabels)
            fields(m.interventions[k].otherNames)
        }
    }

    @inlinable
    mutating func outcomes(_ m: Outcomes) {
        module = .outcomesModule
        outcomeList(m.primary)
        outcomeList(m.secondary)
        outcomeList(m.other)
    }

    /// By index, field by field: a whole outcome copied out of its array retains each of its values.
    @inlinable
    mutating func outcomeList(_ outcomes: [Outcome]) {
        for k in outcomes.indices {
            field(outcomes[k].measure)
            field(outcomes[k].description)
            field(outcomes[k].timeFrame)
        }
    }

    @inlinable
    mutating func eligibility(_ m: Eligibility) {
        module = .eligibilityModule
        field(m.criteria)
        field(m.healthyVolunteers)
        coded(m.sex)
        field(m.genderBased)
        field(m.minimumAge)
        field(m.maximumAge)
        coded(m.standardAges)
        field(m.studyPopulation)
        coded(m.samplingMethod)
    }

    @inlinable
    mutating func contactsLocations(_ m: ContactsLocations) {
        module = .contactsLocationsModule
        contacts(m.centralContacts)
        contacts(m.overallOfficials)
        // By index, field by field: a whole location copied out of its array retains each of its values,
        // and records list hundreds of locations.
        for k in m.locations.indices {
            field(m.locations[k].facility)
            coded(m.locations[k].status)
            field(m.locations[k].city)
            field(m.locations[k].state)
            field(m.locations[k].zip)
            field(m.locations[k].country)
            contacts(m.locations[k].contacts)
        }
    }
}
