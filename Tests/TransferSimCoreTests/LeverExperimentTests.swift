// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimCore

/// A small seeded generator of standard normal draws for the statistical tests (SplitMix64 and
/// Box–Muller): the tests are deterministic, and the coverage test's tolerance is for one fixed
/// sequence of replications.
private struct Normals {
    var state: UInt64
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
    }
    mutating func next() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// The cost per extra local conversion (Fieller's ratio) and the ranking of `transfersim levers`.
@Suite("Lever cost-effectiveness")
struct LeverExperimentTests {
    /// A lever with deterministic linear cost and effect: each trial's extra cost is exactly `k`
    /// 万元 per extra local conversion, whatever the trial's Δ local conversions. The ratio is `k`
    /// and Fieller's interval collapses onto it (numerator variance k²·v₂₂, covariance k·v₂₂ make
    /// the discriminant 0).
    static func linearLever(_ name: String, costPerConversion k: Double, meanEffect: Double, fixedCost: Double = 0,
                            seed: UInt64) -> LeverOutcome {
        var normals = Normals(state: seed)
        let local = (0..<200).map { _ in meanEffect + normals.next() }
        let cost = local.map { fixedCost + k * $0 }
        let zero = [Double](repeating: 0, count: local.count)
        let comparisons = [
            PairedComparison(baseline: zero, variant: local, direction: .higher),
            PairedComparison(baseline: zero, variant: zero, direction: .lower),
            PairedComparison(baseline: zero, variant: cost, direction: .lower),
            PairedComparison(baseline: zero, variant: zero, direction: .lower),
        ]
        return LeverOutcome(step: LeverStep(name: name, step: name, settings: [:]), comparisons: comparisons,
                            cost: FiellerRatio(numerator: cost, denominator: local))
    }

    @Test func linearDeterministicLeverGivesItsCostPerConversionAndRanking() {
        let cheap = Self.linearLever("cheap", costPerConversion: 100, meanEffect: 4, seed: 1)
        let dear = Self.linearLever("dear", costPerConversion: 250, meanEffect: 8, seed: 2)
        // Saves 50 万元 a trial whatever its effect and adds 3 conversions on average: dominant.
        var normals = Normals(state: 3)
        let local = (0..<200).map { _ in 3 + normals.next() }
        let saving = [Double](repeating: -50, count: 200)
        let zero = [Double](repeating: 0, count: 200)
        let dominant = LeverOutcome(
            step: LeverStep(name: "dominant", step: "", settings: [:]),
            comparisons: [PairedComparison(baseline: zero, variant: local, direction: .higher),
                          PairedComparison(baseline: zero, variant: zero, direction: .lower),
                          PairedComparison(baseline: zero, variant: saving, direction: .lower),
                          PairedComparison(baseline: zero, variant: zero, direction: .lower)],
            cost: FiellerRatio(numerator: saving, denominator: local))
        // Effect indistinguishable from 0 (mean 0, unit noise over 200 trials).
        let null = Self.linearLever("null", costPerConversion: 10, meanEffect: 0, seed: 4)

        #expect(abs(cheap.cost.ratio - 100) < 1e-9)
        #expect(abs(cheap.cost.low - 100) < 1e-6 && abs(cheap.cost.high - 100) < 1e-6)
        #expect(abs(dear.cost.ratio - 250) < 1e-9)
        #expect(abs(cheap.conversionsPerYi! - 100) < 1e-7, "10,000 万元 / 100 万元 per conversion")
        #expect(dominant.cost.ratio < 0 && dominant.rankClass == 0)
        #expect(!null.cost.isDefined && null.cost.low.isNaN && null.rankClass == 3)
        let ranked = LeverExperiment.ranked([null, dear, cheap, dominant]).map(\.step.name)
        #expect(ranked == ["dominant", "cheap", "dear", "null"])
    }

    /// The ratio is defined exactly when the 95 % t interval of Δ local conversions (the one
    /// `PairedComparison` reports) excludes 0.
    @Test func definedExactlyWhenTheDenominatorIntervalExcludesZero() {
        var normals = Normals(state: 11)
        for shift in stride(from: -0.6, through: 0.6, by: 0.05) {
            let local = (0..<40).map { _ in shift + normals.next() }
            let cost = local.map { 300 * $0 + 20 * normals.next() }
            let interval = PairedComparison(baseline: [Double](repeating: 0, count: 40), variant: local, direction: .higher)
            let ratio = FiellerRatio(numerator: cost, denominator: local)
            #expect(ratio.isDefined == (interval.diffLow > 0 || interval.diffHigh < 0), "shift \(shift)")
        }
    }

    /// Fieller's interval is exact for bivariate normal paired differences (a − R·b is then
    /// normal with mean 0 at the true R, and the t statistic on n − 1 degrees of freedom is
    /// exactly t-distributed), so the 95 % interval covers the true ratio in 95 % of replications.
    /// Here: 400 replications of 30 correlated pairs, Δ cost mean 600 万元, Δ local mean 2 (true
    /// ratio 300), the denominator 2 / (1.5/√30) ≈ 7 standard errors from 0 so nearly every
    /// interval is bounded (an unbounded one counts as covering: it contains R). Expected
    /// coverage 0.95; tolerance 4 binomial standard errors, 4·√(0.95·0.05/400) ≈ 0.044.
    @Test func fiellerCoversTheTrueRatioAtItsNominalRate() {
        var normals = Normals(state: 20_261_202)
        let replications = 400, n = 30, trueRatio = 300.0
        var covered = 0
        for _ in 0..<replications {
            var cost: [Double] = [], local: [Double] = []
            for _ in 0..<n {
                let z1 = normals.next(), z2 = normals.next()
                let l = 2 + 1.5 * z1
                local.append(l)
                cost.append(600 + 400 * (0.6 * z1 + 0.8 * z2))
            }
            let r = FiellerRatio(numerator: cost, denominator: local)
            if !r.isDefined || (r.low <= trueRatio && trueRatio <= r.high) { covered += 1 }
        }
        let coverage = Double(covered) / Double(replications)
        let tolerance = 4 * (0.95 * 0.05 / Double(replications)).squareRoot()
        #expect(abs(coverage - 0.95) <= tolerance, "coverage \(coverage)")
        // Not trivially wide: some intervals must miss the true ratio.
        #expect(covered < replications)
    }

    /// Every built-in step names parameters the default scenario knows, with valid values.
    @Test func everyDefaultStepResolvesOnTheDefaultCatalogue() throws {
        let scenario = Scenario(name: "defaults")
        for step in LeverCatalogue.defaults {
            let resolved = try scenario.resolve(step: step, over: "baseline")
            #expect(resolved.policyName == step.name)
            for (path, value) in step.settings { #expect(resolved.centralValue(path) == { if case let .number(x) = value { x } else { .nan } }()) }
        }
        #expect(Set(LeverCatalogue.defaults.map(\.name)).count == LeverCatalogue.defaults.count)
    }

    /// `a+b` is the union of both variants' overrides; a parameter both set differently is an
    /// error naming both variants and the parameter.
    @Test func combinedPolicyIsTheUnionAndConflictsAreNamed() throws {
        var scenario = Scenario(name: "combine")
        scenario.variants = [
            PolicyVariant(name: "a", description: "", settings: ["policy.income.inventor_share": ParameterSetting(.number(0.7))]),
            PolicyVariant(name: "b", description: "", settings: ["policy.land.annual_quota_mu": ParameterSetting(.number(400)),
                                                                 "policy.income.inventor_share": ParameterSetting(.number(0.7))]),
            PolicyVariant(name: "c", description: "", settings: ["policy.income.inventor_share": ParameterSetting(.number(0.6))]),
        ]
        let ab = try scenario.resolveCombined(policy: "a+b")
        #expect(ab.centralValue("policy.income.inventor_share") == 0.7)
        #expect(ab.centralValue("policy.land.annual_quota_mu") == 400)
        #expect(ab.policyName == "a+b")
        #expect(throws: ScenarioError.self) { try scenario.resolveCombined(policy: "a+c") }
        do {
            _ = try scenario.resolveCombined(policy: "a+c")
        } catch {
            #expect(error.description.contains("'a'") && error.description.contains("'c'")
                        && error.description.contains("policy.income.inventor_share"))
        }
    }
}
