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
    /// The target of each reference, owner after owner: every arm's `interventionNames` (the intervention
    /// named, or `nil` when no intervention has that reference name), then every intervention's
    /// `armGroupLabels` (the first arm with that label, or `nil` when no arm has it).
    private let targets: [Int?]
    /// Where each owner's references start in `targets`: the arms', then the interventions', and last
    /// their count. One pair of arrays for arms and interventions both, rather than a pair for each: they
    /// are made and freed for every checked record.
    private let starts: [Int]
    /// The number of arms: the interventions' starts follow theirs.
    private let armCount: Int

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

        // The interventions' reference names are built only when some arm names an intervention: legacy XML
        // links arms and interventions from the interventions' side alone.
        var referenceCount = 0
        for i in arms.indices { referenceCount += arms[i].interventionNames.count }
        var names: [String?] = []
        if referenceCount > 0 {
            names.reserveCapacity(interventions.count)
            for i in interventions.indices {
                names.append(Intervention.referenceName(name: interventions[i].name?.value, type: interventions[i].type?.value.code))
            }
        }
        let nameIndex = FirstIndex(names)
        for i in interventions.indices { referenceCount += interventions[i].armGroupLabels.count }

        // Room for every reference at once, rather than an array grown (and copied) as they come; keys are
        // trimmed of white space, as the rules compare them.
        var targets: [Int?] = []
        targets.reserveCapacity(referenceCount)
        var starts: [Int] = []
        starts.reserveCapacity(arms.count + interventions.count + 1)
        for i in arms.indices {
            starts.append(targets.count)
            let keys = arms[i].interventionNames
            for k in keys.indices { targets.append(nameIndex.first(keys[k].value.trimmingWhitespace())) }
        }
        for i in interventions.indices {
            starts.append(targets.count)
            let keys = interventions[i].armGroupLabels
            for k in keys.indices { targets.append(labelIndex.first(keys[k].value.trimmingWhitespace())) }
        }
        starts.append(targets.count)
        self.targets = targets
        self.starts = starts
        armCount = arms.count
    }

    /// The targets of arm `i`'s `interventionNames`, one for each.
    func targets(ofArm i: Int) -> ArraySlice<Int?> { targets[starts[i]..<starts[i + 1]] }

    /// The targets of intervention `i`'s `armGroupLabels`, one for each.
    func targets(ofIntervention i: Int) -> ArraySlice<Int?> { targets[starts[armCount + i]..<starts[armCount + i + 1]] }
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
