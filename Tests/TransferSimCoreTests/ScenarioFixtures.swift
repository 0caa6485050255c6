// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

/// Scenario settings by dotted path, as the model reads them: numbers, flags as 0/1, choices as the
/// option's index (e.g. `policy.empowerment.mode`: 2 is `full_ownership`).
typealias Settings = [String: Double]

/// Builds scenarios in code for the model tests, and runs them.
///
/// The model's defaults are still being tuned, so every test states the parameters its expectation
/// relies on. `Fixture.small` is a small, fast region with the parameters most tests touch set
/// explicitly; tests add or override what their mechanism needs.
enum Fixture {
    /// A small region: 60 disclosures a year for 3 years, followed for 5, every stage's key
    /// parameters set to round values. Mechanisms a test does not look at still run.
    static let small: Settings = [
        "region.time.horizon_years": 5,
        "region.time.intake_years": 3,
        "region.arrivals.annual_disclosures": 60,
        "region.achievements.quality_a": 2,
        "region.achievements.quality_b": 3,
        "region.achievements.quality_slope": 2,
        "region.achievements.value_median": 200,
        "region.achievements.value_sigma": 0.8,
        "region.achievements.value_tail_probability": 0.05,
        "region.achievements.value_half_life_months": 60,
        "region.achievements.value_floor": 10,
        "region.behaviour.intent_hazard": 0.06,
        "region.behaviour.reference_share": 0.5,
        "region.behaviour.intent_elasticity": 0.6,
        "region.behaviour.reference_staff_share": 0.05,
        "region.behaviour.staff_elasticity": 0.3,
        "policy.income.inventor_share": 0.5,
        "policy.income.transfer_staff_share": 0.05,
        "policy.income.office_retention": 0,
        "region.approval.delay_median_months": 4,
        "region.approval.delay_sigma": 0.5,
        "region.approval.probability": 0.8,
        "region.matching.base_hazard": 0.06,
        "region.matching.broker_effect": 0.25,
        "region.matching.registered_visibility": 1.5,
        "policy.brokers.density": 1,
        "policy.registration.rate": 0.3,
        "policy.roadshows.per_year": 0,
        "region.firms.cash_median": 60,
        "region.firms.cash_sigma": 1,
        "region.firms.value_share": 0.5,
        "region.firms.outflow_probability_fit": 0.2,
        "region.firms.outflow_probability_no_fit": 0.5,
        "region.firms.max_match_attempts": 2,
        "region.route.spinoff_probability": 0.1,
        "region.route.price_share": 0.15,
        "region.route.licence_share": 0.4,
        "region.route.licence_upfront_share": 0.4,
        "region.route.royalty_rate": 0.03,
        "region.poc.needs_below_trl": 4,
        "region.pilot.needs_below_trl": 6,
        "policy.poc.slots": 6,
        "policy.pilot.slots": 4,
        "policy.land.annual_quota_mu": 200,
        "policy.funds.seed.government_commitment": 3000,
        "region.venture.exit_median_months": 30,
        "region.venture.private_availability": 0.4,
    ]

    /// `base` with `changes` applied on top.
    static func merged(_ base: Settings, _ changes: Settings) -> Settings {
        base.merging(changes) { _, new in new }
    }

    /// Sets `key` (e.g. `local_fit`) of every default field to `value`.
    static func allFields(_ key: String, _ value: Double) -> Settings {
        Dictionary(uniqueKeysWithValues: ParameterCatalogue.standard.fields.map { ("region.fields.\($0).\(key)", value) })
    }

    /// Sets `key` (e.g. `needs_approval`) of every result source to `value`.
    static func allSources(_ key: String, _ value: Double) -> Settings {
        Dictionary(uniqueKeysWithValues: ResultSource.allCases.map { ("region.sources.\($0.key).\(key)", value) })
    }

    /// Puts every result source's weight on `only`.
    static func onlySource(_ only: ResultSource) -> Settings {
        Dictionary(uniqueKeysWithValues: ResultSource.allCases.map { ("region.sources.\($0.key).share", $0 == only ? 1 : 0) })
    }

    /// Puts every TRL weight at disclosure on level `level` (2…7).
    static func onlyTRL(_ level: Int) -> Settings {
        Dictionary(uniqueKeysWithValues: [2, 3, 4, 5, 6, 7].map { ("region.achievements.trl_weights.trl\($0)", $0 == level ? 1.0 : 0.0) })
    }

    static func scenario(_ settings: Settings, variant: Settings? = nil) -> Scenario {
        func wrap(_ s: Settings) -> [String: ParameterSetting] { s.mapValues { ParameterSetting(.number($0)) } }
        var variants: [PolicyVariant] = []
        if let variant { variants.append(PolicyVariant(name: "variant", description: "", settings: wrap(variant))) }
        return Scenario(name: "test", settings: wrap(settings), variants: variants)
    }

    /// The resolved parameters of `settings`; records a test failure and rethrows if they are invalid.
    static func resolve(_ settings: Settings, sourceLocation: SourceLocation = #_sourceLocation) throws -> ResolvedParameters {
        do {
            return try scenario(settings).resolve()
        } catch {
            Issue.record("invalid test scenario:\n\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Runs `settings` for `trials` trials from `seed`.
    static func run(_ settings: Settings, trials: Int, seed: UInt64, threads: Int = 1,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        Simulation.run(try resolve(settings, sourceLocation: sourceLocation),
                       RunConfiguration(trials: trials, seed: seed, threads: threads))
    }

    /// Runs a baseline and a policy variant (policy paths only) on the same seed and trial indices,
    /// so the two see the same results and the same luck (common random numbers).
    static func runPair(_ settings: Settings, variant: Settings, trials: Int, seed: UInt64,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> (base: RunResult, variant: RunResult) {
        let s = scenario(settings, variant: variant)
        let configuration = RunConfiguration(trials: trials, seed: seed, threads: 2)
        do {
            return (Simulation.run(try s.resolve(), configuration),
                    Simulation.run(try s.resolve(policy: "variant"), configuration))
        } catch {
            Issue.record("invalid test scenario:\n\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }
}

/// Paired differences variant − baseline of one per-trial output over trials run on common random
/// numbers. Trials where either value is undefined (NaN) are left out.
struct PairedDifference: CustomStringConvertible {
    let summary: Summary

    init(_ base: [Double], _ variant: [Double]) {
        summary = Summary(zip(base, variant).compactMap { b, v in b.isNaN || v.isNaN ? nil : v - b })
    }

    init(_ pair: (base: RunResult, variant: RunResult), _ metric: Metric) {
        self.init(pair.base.values(metric), pair.variant.values(metric))
    }

    init(_ pair: (base: RunResult, variant: RunResult), _ stage: FunnelStage, _ column: FunnelColumn) {
        self.init(pair.base.values(stage, column), pair.variant.values(stage, column))
    }

    var mean: Double { summary.mean }
    var se: Double { summary.se }
    /// Mean difference in standard errors (infinite when every difference is equal and non-zero).
    var z: Double { summary.se > 0 ? summary.mean / summary.se : (summary.mean == 0 ? 0 : summary.mean.sign == .minus ? -.infinity : .infinity) }

    var description: String { "mean difference \(summary.mean) (SE \(summary.se), z \(z), n \(summary.n))" }
}

/// Prints a statistical test's measured margin when `TRANSFERSIM_TEST_MARGINS` is set in the
/// environment (for reviewing how much room each tolerance leaves); silent otherwise.
func margin(_ text: @autoclosure () -> String, function: String = #function) {
    guard ProcessInfo.processInfo.environment["TRANSFERSIM_TEST_MARGINS"] != nil else { return }
    print("margin \(function): \(text())")
}

/// One trial's funnel cell or yearly value.
extension RunResult {
    func funnel(_ stage: FunnelStage, _ column: FunnelColumn, trial: Int) -> Double {
        let width = FunnelStage.allCases.count * FunnelColumn.allCases.count
        return funnel[trial * width + stage.rawValue * FunnelColumn.allCases.count + column.rawValue]
    }

    func yearly(_ m: YearlyMetric, year: Int, trial: Int) -> Double {
        yearly[trial * years * YearlyMetric.allCases.count + year * YearlyMetric.allCases.count + m.rawValue]
    }
}
