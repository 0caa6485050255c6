// SPDX-License-Identifier: GPL-3.0-or-later

/// Run until precise enough (`--until-ci`): trials are added in fixed batches — the same batches on
/// every machine and thread count, so the stopping point is reproducible — until the 95 % confidence
/// interval of every watched metric (of its mean for one policy; of the paired difference from the
/// baseline for a comparison) has a half-width of at most `halfWidth`, or `cap` trials have run.
public struct ConvergenceRule: Sendable {
    /// Trials added at a time.
    public static let batchSize = 250
    /// Metrics watched when none are named: the headline shares.
    public static let headlineMetrics: [Metric] = [.conversionShare, .localConversionShare, .outflowShare]

    public let halfWidth: Double
    public let metrics: [Metric]
    public let cap: Int

    public init(halfWidth: Double, metrics: [Metric] = ConvergenceRule.headlineMetrics, cap: Int) {
        precondition(halfWidth > 0 && cap > 0)
        self.halfWidth = halfWidth
        self.metrics = metrics.isEmpty ? ConvergenceRule.headlineMetrics : metrics
        self.cap = cap
    }

    /// The trial indices of the batch after `done` trials; `nil` once the cap is reached.
    public func nextBatch(after done: Int) -> Range<Int>? {
        done < cap ? done..<min(done + Self.batchSize, cap) : nil
    }

    /// The widest 95 % half-width among the watched metrics: of the mean for one policy (`runs` of
    /// one element), of the paired difference from the first run for several. Infinite when a
    /// metric is undefined in too many trials to have an interval.
    public func widestHalfWidth(_ runs: [RunResult]) -> Double {
        var widest = 0.0
        for m in metrics {
            if runs.count == 1 {
                let s = Summary(runs[0].values(m))
                widest = max(widest, s.ciHigh.isFinite ? (s.ciHigh - s.ciLow) / 2 : .infinity)
            } else {
                let base = runs[0].values(m)
                for variant in runs.dropFirst() {
                    let p = PairedComparison(baseline: base, variant: variant.values(m), direction: m.betterDirection)
                    widest = max(widest, p.diffHigh.isFinite ? (p.diffHigh - p.diffLow) / 2 : .infinity)
                }
            }
        }
        return widest
    }

    /// Runs every policy on the same batches of trials until the rule is met or the cap is reached.
    /// `progress` gets the trials done per policy so far.
    public func run(_ policies: [ResolvedParameters], seed: UInt64, threads: Int,
                    progress: (@Sendable (Int) -> Void)? = nil) -> (results: [RunResult], converged: Bool) {
        var results: [RunResult] = []
        var done = 0
        while let batch = nextBatch(after: done) {
            for (k, policy) in policies.enumerated() {
                let part = Simulation.run(policy, RunConfiguration(trials: batch.count, seed: seed, threads: threads,
                                                                   firstTrial: batch.lowerBound))
                if results.count <= k { results.append(part) } else { results[k] = results[k].appending(part) }
            }
            done = batch.upperBound
            progress?(done)
            if widestHalfWidth(results) <= halfWidth { return (results, true) }
        }
        return (results, false)
    }
}
