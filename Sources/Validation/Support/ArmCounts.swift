import RegistryModel

extension RuleContext {
    /// The number of arms, when the record says: its arm groups, or legacy XML's `number_of_arms` when
    /// it lists none. `nil` when it says neither: records registered before arms were collected (2007)
    /// list interventions without arms, and an export of some modules may leave the arms out.
    var armCount: Int? {
        let groups = study.armsInterventions.armGroups.count
        if groups > 0 { return groups }
        return study.design.numberOfArms?.value
    }

    /// The number of interventions, when the record holds its arms and interventions module.
    var interventionCount: Int? {
        let interventions = study.armsInterventions.interventions
        // An intervention's name or type is a value of the module, so the record holds it: known without the
        // walk over the whole record that `holds` takes. Asked by index and with patterns: `!= nil` compared
        // two optional fields as values, copying them out.
        for k in interventions.indices {
            if case .some = interventions[k].name { return interventions.count }
            if case .some = interventions[k].type { return interventions.count }
        }
        return holds(.armsInterventionsModule) ? interventions.count : nil
    }

    /// Where the arms are: the first arm group, or the stated number of arms.
    var armsPlace: Place {
        if let label = study.armsInterventions.armGroups.first?.label { return place(of: label) }
        if let stated = study.design.numberOfArms { return place(of: stated) }
        return place(ofMissing: FieldPath.armsInterventionsModule.appending("armGroups"), in: .armsInterventionsModule)
    }
}
