// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// The joint-sample parameter form and Iman–Conover rank correlations.
@Suite struct JointSampleTests {
    static let pathA = "region.arrivals.annual_disclosures"
    static let pathB = "region.matching.base_hazard"

    /// A three-row sample with weights 0.7, 0.2, 0.1: each trial takes one row whole (the pair is
    /// kept), and rows are drawn in proportion to their weights: over 4000 trials row 0's share is
    /// 0.7 within 4 binomial standard errors (√(0.7·0.3/4000) = 0.0072).
    @Test func trialsTakeWholeRowsInProportionToWeights() throws {
        var scenario = Scenario(name: "joint")
        scenario.jointSamples = [JointSample(name: "s.csv", paths: [Self.pathA, Self.pathB],
                                             values: [500, 0.01, 900, 0.05, 1300, 0.09], weights: [7, 2, 1])]
        let resolved = try scenario.resolve()
        let a = try #require(resolved.catalogue.index(of: Self.pathA)), b = try #require(resolved.catalogue.index(of: Self.pathB))
        let random = RandomSource(seed: 3)
        var first = 0
        let trials = 4000
        for t in 0..<trials {
            let v = resolved.draw(trial: UInt32(t), random: random)
            let pair = [v[a], v[b]]
            #expect([[500, 0.01], [900, 0.05], [1300, 0.09]].contains(pair))
            if v[a] == 500 { first += 1 }
        }
        #expect(abs(Double(first) / Double(trials) - 0.7) < 4 * (0.7 * 0.3 / Double(trials)).squareRoot())
        // The marginal is the column's discrete law with the weights (params, checks).
        #expect(resolved[Self.pathA] == .distribution(.discrete(values: [500, 900, 1300], weights: [7, 2, 1])))
    }

    /// A variant that fixes a parameter of the sample takes it out of the group; the rest still
    /// follow the sample, and the same trial draws the same row under both policies (CRN).
    @Test func aVariantCanFixOneParameterOfTheGroup() throws {
        var scenario = Scenario(name: "joint")
        scenario.jointSamples = [JointSample(name: "s.csv", paths: [Self.pathA, "policy.income.inventor_share"],
                                             values: [500, 0.5, 900, 0.7], weights: [1, 1])]
        scenario.variants = [PolicyVariant(name: "v", description: "",
                                           settings: ["policy.income.inventor_share": ParameterSetting(.number(0.8))])]
        let base = try scenario.resolve(), variant = try scenario.resolve(policy: "v")
        let a = try #require(base.catalogue.index(of: Self.pathA))
        let s = try #require(base.catalogue.index(of: "policy.income.inventor_share"))
        let random = RandomSource(seed: 3)
        for t in 0..<50 {
            let x = base.draw(trial: UInt32(t), random: random), y = variant.draw(trial: UInt32(t), random: random)
            #expect(x[a] == y[a])
            #expect(y[s] == 0.8)
            #expect((x[a] == 500 && x[s] == 0.5) || (x[a] == 900 && x[s] == 0.7))
        }
    }

    @Test func badSamplesAreRefused() {
        var scenario = Scenario(name: "joint")
        scenario.jointSamples = [JointSample(name: "s.csv", paths: ["region.nope"], values: [1], weights: [1])]
        #expect(throws: ScenarioError.self) { try scenario.resolve() }
        scenario.jointSamples = [JointSample(name: "s.csv", paths: ["region.pilot.success_probability"], values: [2], weights: [1])]
        #expect(throws: ScenarioError.self) { try scenario.resolve() }  // a probability above 1
        scenario.jointSamples = [JointSample(name: "s.csv", paths: [Self.pathB], values: [0.1], weights: [0])]
        #expect(throws: ScenarioError.self) { try scenario.resolve() }
    }

    /// Two uniform parameters with a stated rank correlation of 0.6: over 20 blocks of 128 trials
    /// the Spearman correlation of the draws is 0.6 within 0.05 (Iman–Conover matches the scores'
    /// correlation closely in each block; the sampling spread of a rank correlation at n = 2560 is
    /// about 0.013). Each block keeps the independent draws' values, only re-paired.
    @Test func imanConoverImposesTheRankCorrelation() throws {
        var scenario = Scenario(name: "rank", settings: [
            Self.pathA: ParameterSetting(.distribution(.uniform(low: 500, high: 1000))),
            Self.pathB: ParameterSetting(.distribution(.uniform(low: 0.01, high: 0.1))),
        ])
        let independent = try scenario.resolve()
        scenario.rankCorrelations = [RankCorrelation(Self.pathA, Self.pathB, rho: 0.6)]
        let correlated = try scenario.resolve()
        let a = try #require(correlated.catalogue.index(of: Self.pathA)), b = try #require(correlated.catalogue.index(of: Self.pathB))
        let random = RandomSource(seed: 11)
        let n = 20 * 128
        var xs: [Double] = [], ys: [Double] = []
        for t in 0..<n {
            let v = correlated.draw(trial: UInt32(t), random: random)
            xs.append(v[a])
            ys.append(v[b])
        }
        #expect(abs(spearman(xs, ys) - 0.6) < 0.05, "\(spearman(xs, ys))")
        let free = (0..<128).map { independent.draw(trial: UInt32($0), random: random) }
        #expect(free.map { $0[a] }.sorted() == Array(xs[0..<128]).sorted())
        #expect(free.map { $0[b] }.sorted() == Array(ys[0..<128]).sorted())
        // Without correlations the draws are exactly the per-parameter draws of before.
        #expect(abs(spearman(free.map { $0[a] }, free.map { $0[b] })) < 0.3)
    }

    @Test func inconsistentCorrelationsAreRefused() {
        let c = "region.behaviour.intent_hazard"
        var scenario = Scenario(name: "rank", settings: [
            Self.pathA: ParameterSetting(.distribution(.uniform(low: 500, high: 1000))),
            Self.pathB: ParameterSetting(.distribution(.uniform(low: 0.01, high: 0.1))),
            c: ParameterSetting(.distribution(.uniform(low: 0.01, high: 0.1))),
        ])
        scenario.rankCorrelations = [RankCorrelation(Self.pathA, Self.pathB, rho: 0.95), RankCorrelation(Self.pathB, c, rho: 0.95),
                                     RankCorrelation(Self.pathA, c, rho: -0.95)]
        #expect(throws: ScenarioError.self) { try scenario.resolve() }
        scenario.rankCorrelations = [RankCorrelation(Self.pathA, "region.pilot.success_probability", rho: 0.5)]
        #expect(throws: ScenarioError.self) { try scenario.resolve() }  // a fixed number cannot be correlated
    }

    func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: v.count)
            for (rank, i) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[i] = Double(rank) }
            return r
        }
        let rx = ranks(x), ry = ranks(y), n = Double(x.count), m = (n - 1) / 2
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (rx[i] - m) * (ry[i] - m)
            sxx += (rx[i] - m) * (rx[i] - m)
            syy += (ry[i] - m) * (ry[i] - m)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
