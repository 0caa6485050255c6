// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// `--until-ci`: fixed batches, joined batches equal one run, and the run stops at the first batch
/// that meets the target.
@Suite("Convergence")
struct ConvergenceTests {
    @Test func batchesAreFixedAndCapped() {
        let rule = ConvergenceRule(halfWidth: 0.01, cap: 600)
        #expect(rule.nextBatch(after: 0) == 0..<250)
        #expect(rule.nextBatch(after: 250) == 250..<500)
        #expect(rule.nextBatch(after: 500) == 500..<600)
        #expect(rule.nextBatch(after: 600) == nil)
        #expect(rule.metrics == ConvergenceRule.headlineMetrics)
    }

    /// Batches joined with `appending` are bit-identical to one run over all the trials.
    @Test func joinedBatchesEqualOneRun() throws {
        let resolved = try Fixture.resolve(Fixture.small)
        let whole = Simulation.run(resolved, RunConfiguration(trials: 30, seed: 9, threads: 2))
        let first = Simulation.run(resolved, RunConfiguration(trials: 12, seed: 9, threads: 1))
        let second = Simulation.run(resolved, RunConfiguration(trials: 18, seed: 9, threads: 2, firstTrial: 12))
        let joined = first.appending(second)
        #expect(joined.trials == 30)
        #expect(joined.metrics.elementsEqual(whole.metrics) { $0.bitPattern == $1.bitPattern })
        #expect(joined.funnel.elementsEqual(whole.funnel) { $0.bitPattern == $1.bitPattern })
    }

    /// The run stops after the first batch whose widest half-width is within the target: met after
    /// the last batch, not met after the one before. The target is set between the two widths a
    /// fixed-trial run shows at 250 and 500 trials, so the stop must come at 500.
    @Test func stopsAtTheFirstBatchThatMeetsTheTarget() throws {
        let resolved = try Fixture.resolve(Fixture.small)
        let metrics: [Metric] = [.conversionShare]
        let probe = ConvergenceRule(halfWidth: 1, metrics: metrics, cap: 1000)
        let at250 = probe.widestHalfWidth([Simulation.run(resolved, RunConfiguration(trials: 250, seed: 4, threads: 2))])
        let at500 = probe.widestHalfWidth([Simulation.run(resolved, RunConfiguration(trials: 500, seed: 4, threads: 2))])
        #expect(at500 < at250)
        let rule = ConvergenceRule(halfWidth: (at250 + at500) / 2, metrics: metrics, cap: 1000)
        let outcome = rule.run([resolved], seed: 4, threads: 2)
        #expect(outcome.converged)
        #expect(outcome.results[0].trials == 500)
        // Unreachable target: stops at the cap, not converged.
        let strict = ConvergenceRule(halfWidth: 1e-9, metrics: metrics, cap: 300)
        let capped = strict.run([resolved], seed: 4, threads: 2)
        #expect(!capped.converged && capped.results[0].trials == 300)
    }

    /// For a comparison the rule watches the paired difference: a variant identical to the baseline
    /// has a zero-width paired interval, so one batch suffices however strict the target.
    @Test func pairedDifferenceOfAnIdenticalVariantConvergesAtOnce() throws {
        let resolved = try Fixture.resolve(Fixture.small)
        let rule = ConvergenceRule(halfWidth: 1e-12, metrics: [.convertedLocal, .conversionShare], cap: 2000)
        let outcome = rule.run([resolved, resolved], seed: 5, threads: 2)
        #expect(outcome.converged && outcome.results[1].trials == 250)
    }
}
