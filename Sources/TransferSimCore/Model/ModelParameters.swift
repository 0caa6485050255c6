// SPDX-License-Identifier: GPL-3.0-or-later
// TEMPORARY minimal catalogue; replaced by the full model.

public enum FieldParameters {
    public static let defaultFields: [(name: String, share: Double)] = [
        ("new_materials", 0.2), ("biomedicine", 0.18), ("advanced_equipment", 0.2),
        ("digital_it", 0.22), ("agriculture", 0.1), ("energy", 0.1),
    ]
}

public enum ModelParameters {
    static func catalogueSpecs(fields: [String]) -> [ParameterSpec] {
        var specs: [ParameterSpec] = [
            ParameterSpec("region.time.horizon_years", .integer(1...50), unit: "years", default: .number(10),
                          meaning: "Years simulated", source: "MODEL.md §2"),
            ParameterSpec("region.arrivals.annual_disclosures", .number(0...1e6), unit: "per year", default: .number(800),
                          meaning: "Results disclosed per year", source: "assumption"),
            ParameterSpec("policy.income.inventor_share", .probability, default: .number(0.5),
                          meaning: "Inventor share", source: "law", neutral: 0.5),
            ParameterSpec("policy.income.transfer_staff_share", .probability, default: .number(0.05),
                          meaning: "Transfer staff share", source: "001", neutral: 0.05),
            ParameterSpec("policy.empowerment.mode", .choice(["none", "long_term_use", "full_ownership", "joint"]),
                          default: .number(0), meaning: "Empowerment mode", source: "000", neutral: 0),
            ParameterSpec("policy.approval.single_list", .flag, default: .number(0),
                          meaning: "Single-list management", source: "000", neutral: 0),
            ParameterSpec("policy.poc.slots", .integer(0...100_000), unit: "projects", default: .number(0),
                          meaning: "PoC slots", source: "assumption", neutral: 0),
        ]
        for f in fields {
            specs.append(ParameterSpec("region.fields.\(f).share", .number(0...1e9), default: .number(0),
                                       meaning: "Weight of the field", source: "assumption"))
            specs.append(ParameterSpec("region.fields.\(f).local_fit", .probability, default: .number(0.3),
                                       meaning: "Local fit", source: "001"))
        }
        return specs
    }

    static func crossChecks(_ p: ResolvedParameters) -> [ScenarioProblem] {
        let v = p.upperValues
        let c = p.catalogue
        guard let i = c.index(of: "policy.income.inventor_share"), let t = c.index(of: "policy.income.transfer_staff_share") else { return [] }
        if v[i] + v[t] > 1 {
            return [ScenarioProblem("policy.income.inventor_share + policy.income.transfer_staff_share can exceed 1 (\(format(v[i] + v[t])))", at: p.entries[i].origin ?? p.entries[t].origin)]
        }
        return []
    }
}
