// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// What a calibration fits: the scenario's parameters given as distributions (their distributions
/// are the priors), and any the observed file's `priors:` adds or replaces.
public enum CalibrationSetup {
    /// The prior of the calibration of `resolved` against `observed` (read from `observedFile`), or
    /// every problem: a prior that cannot be calibrated, a scenario with joint samples or rank
    /// correlations (their parameters would need a joint prior), or no uncertain parameter at all.
    public static func prior(_ resolved: ResolvedParameters, observed: ObservedFile, observedFile: String,
                             scenarioFile: String) throws(ScenarioError) -> CalibrationPrior {
        var problems: [ScenarioProblem] = []
        for sample in resolved.jointSamples {
            problems.append(ScenarioProblem(
                "the scenario draws parameters from the joint sample '\(sample.name)': calibrate fits independent priors; give those parameters as distributions (or calibrate the scenario it was made from)",
                at: sample.origin))
        }
        for r in resolved.rankCorrelations {
            problems.append(ScenarioProblem(
                "the scenario states a rank correlation between \(r.first) and \(r.second): calibrate fits independent priors; remove the correlation (the posterior keeps the correlations the data imply)",
                at: r.origin))
        }
        var parameters: [CalibrationParameter] = []
        let catalogue = resolved.catalogue
        for (i, spec) in catalogue.specs.enumerated() {
            var prior: Distribution?
            var origin = resolved.entries[i].origin
            if let setting = observed.priors[spec.path] {
                let found = spec.problems(with: setting.value)
                if !found.isEmpty {
                    problems += found.map { ScenarioProblem($0, at: setting.origin) }
                    continue
                }
                if case let .distribution(d) = setting.value { prior = d }
                origin = setting.origin
            } else if case let .distribution(d) = resolved.entries[i].value {
                prior = d
            }
            guard let prior else { continue }
            var isInteger = false
            if case .integer = spec.kind { isInteger = true }
            let parameter = CalibrationParameter(path: spec.path, prior: prior, range: spec.kind.range, isInteger: isInteger,
                                                 origin: origin)
            if let problem = parameter.problem {
                problems.append(ScenarioProblem(problem, at: origin))
            } else {
                parameters.append(parameter)
            }
        }
        for path in observed.priors.keys.sorted() where catalogue.index(of: path) == nil {
            problems.append(ScenarioProblem("unknown parameter '\(path)' in priors", at: observed.priors[path]?.origin))
        }
        if parameters.isEmpty && problems.isEmpty {
            problems.append(ScenarioProblem(
                "no uncertain parameters to calibrate: the scenario \(scenarioFile) gives no parameter as a distribution and the observed file states no priors (add priors: {region: {…: {dist: uniform, low: …, high: …}}})",
                at: observed.origin))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return CalibrationPrior(parameters)
    }

    /// The observed file `file` (its text `observedText`) read for the resolved scenario `base`
    /// (from `scenarioFile`), and the prior it calibrates: what `calibrate` reads before it runs,
    /// and what `validate` checks. Every problem is reported at its line.
    public static func read(observedText: String, file: String, base: ResolvedParameters, scenarioFile: String)
        throws(ScenarioError) -> (observed: ObservedFile, prior: CalibrationPrior) {
        let observed = try ObservedFile.parse(yaml: observedText, file: file,
                                              horizonYears: Int(base.centralValue("region.time.horizon_years")),
                                              catalogue: base.catalogue)
        return (observed, try prior(base, observed: observed, observedFile: file, scenarioFile: scenarioFile))
    }

    /// The identity of a calibration, which its journals and manifest record: the scenario's and
    /// observed file's contents, the policy, seed, particles and the tolerance floor — what its
    /// particles depend on. The other stopping rules (generations, acceptance, budget) only decide
    /// when to stop, so a finished or interrupted calibration may be resumed with more generations.
    public static func hash(scenarioSHA256: String, observedText: String, policy: String, seed: UInt64, particles: Int,
                            alpha: Double, stopping: CalibrationStopping) -> String {
        let settings = "calibrate v1 policy \(policy) alpha \(format(alpha)) min-tolerance \(format(stopping.minimumTolerance))"
        return SweepJournal.sweepHash(parts: [settings, scenarioSHA256, observedText], seed: seed, trials: particles)
    }
}
