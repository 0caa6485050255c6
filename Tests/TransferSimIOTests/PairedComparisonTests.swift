// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore
@testable import TransferSimIO

/// `PairedComparison` (the statistics of `compare.csv`) on hand-made values and on simulated runs
/// under common random numbers.
@Suite struct PairedComparisonTests {
    @Test func constantShiftHasAZeroWidthIntervalAndEveryTrialBetter() {
        let baseline = [1.0, 2, 3, 4]
        let p = PairedComparison(baseline: baseline, variant: baseline.map { $0 + 1 }, direction: .higher)
        #expect(p.n == 4)
        #expect(p.diff == 1 && p.diffLow == 1 && p.diffHigh == 1)
        #expect(p.relativeDiff == 1 / 2.5)
        #expect(p.pBetter == 1)
        #expect(PairedComparison(baseline: baseline, variant: baseline.map { $0 + 1 }, direction: .lower).pBetter == 0)
        #expect(PairedComparison(baseline: baseline, variant: baseline, direction: .none).pBetter.isNaN)
    }

    @Test func trialsUndefinedUnderEitherPolicyAreLeftOut() {
        let p = PairedComparison(baseline: [1, .nan, 3, 5], variant: [2, 7, .nan, 5], direction: .higher)
        #expect(p.n == 2)
        #expect(p.baselineMean == 3)  // (1 + 5) / 2: the baseline over the paired trials only
        #expect(p.diff == 0.5)
        #expect(p.pBetter == 0.5)
    }

    /// Welch's interval against SciPy: a = [1, 2, 3, 4], b = [2, 4, 6, 8.5], Welch–Satterthwaite
    /// df = 4.2363, t.ppf(0.975, df) → [-1.5382666726510514, 6.788266672651051].
    @Test func unpairedIntervalIsWelchs() {
        let w = PairedComparison.unpaired(baseline: [1, 2, 3, 4], variant: [2, 4, 6, 8.5])
        #expect(w.diff == 2.625)
        #expect(abs(w.low - -1.5382666726510514) < 1e-9)
        #expect(abs(w.high - 6.788266672651051) < 1e-9)
    }

    static let scenarioText = """
        name: "cmp"
        region:
          time: {horizon_years: 3, intake_years: 3}
          arrivals: {annual_disclosures: 60}
        policy:
          income: {inventor_share: 0.5}
        variants:
          same:
            description: "States the baseline's value again"
            policy:
              income: {inventor_share: 0.5}
          generous:
            description: "90 % to inventors"
            policy:
              income: {inventor_share: 0.9}
        """

    static func run(_ policy: String, trials: Int) throws -> RunResult {
        let scenario = try ScenarioLoader.parse(yaml: scenarioText, file: "cmp.yaml")
        return Simulation.run(try scenario.resolve(policy: policy), RunConfiguration(trials: trials, seed: 11, threads: 2))
    }

    @Test func aVariantIdenticalToTheBaselineDiffersByZeroInEveryTrial() throws {
        let baseline = try Self.run("baseline", trials: 24)
        let same = try Self.run("same", trials: 24)
        for metric in Metric.allCases {
            let b = baseline.values(metric), v = same.values(metric)
            for (x, y) in zip(b, v) { #expect(x == y || (x.isNaN && y.isNaN), "\(metric.name)") }
            let p = PairedComparison(baseline: b, variant: v, direction: metric.betterDirection)
            if p.n > 0 {
                #expect(p.diff == 0, "\(metric.name)")
                if p.n > 1 { #expect(p.diffLow == 0 && p.diffHigh == 0, "\(metric.name)") }
            }
        }
    }

    /// Common random numbers: a lever that matters moves every trial by a similar amount, so the
    /// paired interval is narrower than Welch's unpaired one.
    @Test func pairedIntervalIsNarrowerThanUnpairedOnALeverThatMatters() throws {
        let baseline = try Self.run("baseline", trials: 48)
        let generous = try Self.run("generous", trials: 48)
        for metric in [Metric.contracts, .conversionShare, .ipIncomeTotal] {
            let b = baseline.values(metric), v = generous.values(metric)
            let paired = PairedComparison(baseline: b, variant: v, direction: metric.betterDirection)
            let welch = PairedComparison.unpaired(baseline: b, variant: v)
            #expect(paired.diff != 0, "\(metric.name): the lever must matter")
            #expect(paired.diffHigh - paired.diffLow < welch.high - welch.low, "\(metric.name)")
        }
    }

    @Test func compareTableHasOneRowPerPolicyAndMetricWithEmptyBaselineDiffs() throws {
        let rows = CompareTable.rows([("baseline", try Self.run("baseline", trials: 8)),
                                      ("generous", try Self.run("generous", trials: 8))])
        let lines = CompareTable.csv(rows).split(separator: "\n").map(String.init)
        let fundColumns = FundLayout(funds: ["seed"], years: 1).columns.count
        #expect(lines.first == "policy,metric,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,rel_diff,p_better")
        #expect(lines.count == 1 + 2 * (Metric.allCases.count + fundColumns))
        #expect(lines[1].hasPrefix("baseline,disclosed,") && lines[1].hasSuffix(",,,,,"))
        #expect(lines[1 + Metric.allCases.count + fundColumns].hasPrefix("generous,disclosed,"))
        // disclosed has no better direction: p_better empty.
        #expect(lines[1 + Metric.allCases.count + fundColumns].hasSuffix(","))
    }
}
