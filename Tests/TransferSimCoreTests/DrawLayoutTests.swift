// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// The values each trial draws for the uncertain parameters (`DrawLayout`, `RunResult.draws`):
/// the per-trial tables report them, so they must be exactly the values the trial ran on.
@Suite struct DrawLayoutTests {
    /// `Fixture.small` with every form of uncertainty: an independent distribution, a whole-number
    /// one (rounded), a joint sample of two parameters, a rank correlation (Iman–Conover) between
    /// two distributions, and a schedule that reaches a distribution in year 3.
    static func uncertain() throws -> ResolvedParameters {
        var scenario = Fixture.scenario(Fixture.small)
        scenario.settings["region.firms.cash_median"] = ParameterSetting(.distribution(.uniform(low: 20, high: 80)))
        scenario.settings["region.achievements.value_median"] = ParameterSetting(.distribution(.triangular(low: 100, mode: 200, high: 400)))
        scenario.settings["policy.poc.slots"] = ParameterSetting(.distribution(.uniform(low: 2, high: 9)))
        scenario.settings["policy.income.inventor_share"] = ParameterSetting(.schedule(ParameterSchedule(steps: [
            .init(year: 1, value: .number(0.5)), .init(year: 3, value: .distribution(.uniform(low: 0.55, high: 0.7))),
        ])))
        scenario.jointSamples = [JointSample(name: "s.csv", paths: ["region.arrivals.annual_disclosures", "region.matching.base_hazard"],
                                             values: [50, 0.04, 70, 0.08, 90, 0.05], weights: [2, 1, 1])]
        scenario.rankCorrelations = [RankCorrelation("region.firms.cash_median", "region.achievements.value_median", rho: 0.6)]
        return try scenario.resolve()
    }

    @Test func theLayoutNamesEachUncertainValueInCatalogueOrder() throws {
        let resolved = try Self.uncertain()
        let layout = DrawLayout(resolved)
        func position(_ name: String) -> Int { resolved.catalogue.index(of: String(name.prefix { $0 != "@" }))! }
        let expected = [
            "region.arrivals.annual_disclosures", "region.achievements.value_median", "region.matching.base_hazard",
            "region.firms.cash_median", "policy.income.inventor_share@year3", "policy.poc.slots",
        ].sorted { position($0) < position($1) }
        #expect(layout.names == expected.map { DrawLayout.prefix + $0 })
        // Fixed numbers only: nothing is drawn.
        #expect(DrawLayout(try Fixture.resolve(Fixture.small)).isEmpty)
    }

    /// Every recorded value is the one `ResolvedParameters.draw` gives for that trial (after the
    /// joint sample's row, rounding and the Iman–Conover rearrangement), year 3's from the
    /// parameters in force from year 3; the same for any thread count and trial range.
    @Test func eachTrialRecordsTheValuesItRanOn() throws {
        let resolved = try Self.uncertain()
        let layout = DrawLayout(resolved)
        let trials = 150, seed: UInt64 = 17
        let result = Simulation.run(resolved, RunConfiguration(trials: trials, seed: seed, threads: 3))
        #expect(result.drawLayout == layout)
        #expect(result.draws.count == trials * layout.count)
        let random = RandomSource(seed: seed)
        let year3 = resolved.inYear(3)
        for t in 0..<trials {
            let first = resolved.draw(trial: UInt32(t), random: random)
            let later = year3.draw(trial: UInt32(t), random: random)
            for (c, column) in layout.columns.enumerated() {
                let expected = column.year == 1 ? first[column.entry] : later[column.entry]
                #expect(result.draw(c, trial: t) == expected, "trial \(t), \(column.name)")
            }
            // Whole-number and sampled values are as the model reads them.
            let slots = try #require(layout.names.firstIndex(of: "draw:policy.poc.slots"))
            #expect(result.draw(slots, trial: t) == result.draw(slots, trial: t).rounded())
            let disclosures = try #require(layout.names.firstIndex(of: "draw:region.arrivals.annual_disclosures"))
            #expect([50, 70, 90].contains(result.draw(disclosures, trial: t)))
        }
        // One thread, and a run of the trials 100..<150 alone, record the same values.
        let single = Simulation.run(resolved, RunConfiguration(trials: trials, seed: seed, threads: 1))
        #expect(single.draws == result.draws)
        let tail = Simulation.run(resolved, RunConfiguration(trials: 50, seed: seed, threads: 2, firstTrial: 100))
        #expect(tail.draws == Array(result.draws[(100 * layout.count)...]))
        // Trial values carry the draws, and a result rebuilt from them has them back.
        let rebuilt = RunResult(years: result.years, firstTrial: 0, fundLayout: result.fundLayout, drawLayout: layout,
                                trialValues: (0..<trials).map { result.trialValues($0) })
        #expect(rebuilt.draws == result.draws)
        #expect(rebuilt.metrics.map(\.bitPattern) == result.metrics.map(\.bitPattern))
    }

    @Test func runsWithoutDistributionsDrawNothing() throws {
        let result = try Fixture.run(Fixture.small, trials: 20, seed: 3)
        #expect(result.drawLayout.isEmpty && result.draws.isEmpty)
        #expect(result.trialValues(0).count == RunResult.trialWidth(years: result.years, layout: result.fundLayout))
    }
}
