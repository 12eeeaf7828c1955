import RegistryModel

/// How a record's arms and interventions refer to each other, resolved once for the rules that check
/// those references (`arm-label`, `arm-intervention-links`, `arm-intervention-name-unknown`,
/// `intervention-arm-label-unknown`): each built its own tables of labels and names, hashing every label
/// and reference again, which made the four of them a fifth of validation.
///
/// Keys are trimmed of white space, as the rules compare them. References are resolved to indices: the
/// first arm with a label, the first intervention with a reference name (`Intervention.referenceName`).
struct ArmReferences: Sendable {
    /// For each arm, the first arm whose trimmed label is the same as its own (itself when none comes
    /// before it); `nil` for an arm without a label.
    let firstArmWithLabel: [Int?]
    /// For each arm's `interventionNames`, in order, arm after arm: the intervention it names, or `nil`
    /// when no intervention has that reference name.
    let armReferenceTargets: [Int?]
    /// Where each arm's references start in `armReferenceTargets`, and, last, their count.
    let armReferenceStarts: [Int]
    /// For each intervention's `armGroupLabels`, in order, intervention after intervention: the first arm
    /// with that label, or `nil` when no arm has it.
    let interventionReferenceTargets: [Int?]
    /// Where each intervention's references start in `interventionReferenceTargets`, and, last, their count.
    let interventionReferenceStarts: [Int]

    init(_ module: ArmsInterventions) {
        // Arms and interventions are read by index, in place: copied out of their arrays, each retains all of
        // its values.
        let arms = module.armGroups
        let interventions = module.interventions
        var labels: [String?] = []
        labels.reserveCapacity(arms.count)
        for i in arms.indices { labels.append(arms[i].label?.value.trimmingWhitespace()) }
        let labelIndex = FirstIndex(labels)
        firstArmWithLabel = labels.indices.map { i in labels[i].flatMap { labelIndex.first($0) } }

        var names: [String?] = []
        names.reserveCapacity(interventions.count)
        for i in interventions.indices {
            names.append(Intervention.referenceName(name: interventions[i].name, type: interventions[i].type))
        }
        let nameIndex = FirstIndex(names)

        var targets: [Int?] = []
        targets.reserveCapacity(arms.reduce(0) { $0 + $1.interventionNames.count })
        var starts: [Int] = []
        starts.reserveCapacity(arms.count + 1)
        for i in arms.indices {
            starts.append(targets.count)
            let references = arms[i].interventionNames
            for k in references.indices { targets.append(nameIndex.first(references[k].value.trimmingWhitespace())) }
        }
        starts.append(targets.count)
        armReferenceTargets = targets
        armReferenceStarts = starts

        targets = []
        targets.reserveCapacity(interventions.reduce(0) { $0 + $1.armGroupLabels.count })
        starts = []
        starts.reserveCapacity(interventions.count + 1)
        for i in interventions.indices {
            starts.append(targets.count)
            let references = interventions[i].armGroupLabels
            for k in references.indices { targets.append(labelIndex.first(references[k].value.trimmingWhitespace())) }
        }
        starts.append(targets.count)
        interventionReferenceTargets = targets
        interventionReferenceStarts = starts
    }

    /// The targets of arm `i`'s `interventionNames`, one for each.
    func targets(ofArm i: Int) -> ArraySlice<Int?> {
        armReferenceTargets[armReferenceStarts[i]..<armReferenceStarts[i + 1]]
    }

    /// The targets of intervention `i`'s `armGroupLabels`, one for each.
    func targets(ofIntervention i: Int) -> ArraySlice<Int?> {
        interventionReferenceTargets[interventionReferenceStarts[i]..<interventionReferenceStarts[i + 1]]
    }
}

/// The first position of a key among a list of keys.
///
/// A study has a few arms and interventions: comparing a key with each costs less than hashing it, and
/// hashing every key of the list once more. A long list is looked up through a table, so that a record with
/// hundreds of arms costs no more than linear time.
private struct FirstIndex {
    private let keys: [String?]
    private let table: [String: Int]?

    /// Lists longer than this are looked up through a table.
    private static let linearLimit = 12

    init(_ keys: [String?]) {
        self.keys = keys
        guard keys.count > FirstIndex.linearLimit else {
            table = nil
            return
        }
        var table: [String: Int] = [:]
        table.reserveCapacity(keys.count)
        for k in keys.indices {
            if let key = keys[k], table[key] == nil { table[key] = k }
        }
        self.table = table
    }

    /// The position of the first key equal to `key`.
    func first(_ key: String) -> Int? {
        if let table { return table[key] }
        return keys.firstIndex { $0 == key }
    }
}
