// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The combined policy `a+b` (or `a+b+c`): the union of the named variants' overrides, so that
    /// a package can be decomposed into its parts. Two variants that set the same parameter to
    /// different values are an error naming both variants and the parameter (exit 65); the same
    /// value set twice is fine. The combined variant's name is the names joined by `+`.
    public func combinedVariant(_ name: String) throws(ScenarioError) -> PolicyVariant {
        let parts = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        var settings: [String: ParameterSetting] = [:]
        var setBy: [String: String] = [:]
        var descriptions: [String] = []
        var problems: [ScenarioProblem] = []
        for part in parts {
            if part == "baseline" { continue }
            guard let variant = variants.first(where: { $0.name == part }) else {
                _ = try resolve(policy: part.isEmpty ? "''" : part)  // reports the unknown name with suggestions
                continue
            }
            descriptions.append(variant.description)
            for (path, setting) in variant.settings.sorted(by: { $0.key < $1.key }) {
                if let earlier = settings[path], let owner = setBy[path] {
                    if earlier.value != setting.value {
                        problems.append(ScenarioProblem(
                            "variants '\(owner)' and '\(part)' set \(path) differently, so '\(name)' is not defined: "
                                + "combine variants that agree on every parameter they both set",
                            at: setting.origin))
                    }
                    continue
                }
                settings[path] = setting
                setBy[path] = part
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return PolicyVariant(name: name, description: descriptions.joined(separator: " + "), settings: settings)
    }

    /// The resolved parameters of `policy`: "baseline", a variant's name, or variants joined by `+`.
    public func resolveCombined(policy: String) throws(ScenarioError) -> ResolvedParameters {
        guard policy.contains("+") else { return try resolve(policy: policy) }
        return try resolve(variant: combinedVariant(policy))
    }

    /// The resolved parameters of the baseline with `variant`'s overrides applied.
    public func resolve(variant: PolicyVariant) throws(ScenarioError) -> ResolvedParameters {
        var copy = self
        copy.variants = [variant]
        return try copy.resolve(policy: variant.name)
    }

    /// `step` applied on top of the policy `base` (the baseline, a variant or `a+b`): the base's
    /// overrides, then the step's (the step wins where both set a parameter: it is an increment
    /// from the base policy).
    public func resolve(step: LeverStep, over base: String) throws(ScenarioError) -> ResolvedParameters {
        var settings: [String: ParameterSetting] = [:]
        if base != "baseline" {
            settings = base.contains("+") ? try combinedVariant(base).settings
                : (variants.first { $0.name == base }?.settings ?? [:])
        }
        for (path, setting) in step.variant.settings { settings[path] = setting }
        return try resolve(variant: PolicyVariant(name: step.name, description: step.step, settings: settings))
    }
}
