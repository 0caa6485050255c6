// SPDX-License-Identifier: GPL-3.0-or-later

/// Evaluates the points of a sweep: each point is the resolved scenario with the swept
/// parameters set to the point's values, run for the same trial indices `0..<trials` with the
/// same seed (common random numbers across points).
public enum SweepRunner {
    /// The statistics kept per metric and point, in `sweep.csv` column order.
    public static let statistics = ["mean", "ci_low", "ci_high", "p05", "p50", "p95"]

    /// The summary of one point: `statistics` for each metric, in `Metric.allCases` order.
    public struct PointResult: Sendable, Equatable {
        public let point: Int
        public let values: [Double]
        /// Metric-major: `values[metric * statistics.count + statistic]`.
        public init(point: Int, values: [Double]) {
            self.point = point
            self.values = values
        }
    }

    /// The base parameters with `paths` set to `values` (fixed numbers), or the problems.
    public static func parameters(_ base: ResolvedParameters, paths: [String], values: [Double])
        throws(ScenarioError) -> ResolvedParameters {
        var entries = base.entries
        var problems: [ScenarioProblem] = []
        for (path, value) in zip(paths, values) {
            guard let index = base.catalogue.index(of: path) else {
                var message = "unknown parameter '\(path)'"
                if let guess = base.catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                problems.append(ScenarioProblem(message))
                continue
            }
            let found = base.catalogue.specs[index].problems(with: .number(value))
            if found.isEmpty {
                entries[index] = .init(value: .number(value), origin: nil)
            } else {
                problems += found.map { ScenarioProblem("'\(path)' = \(format(value)): \($0)") }
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return base.replacing(entries: entries)
    }

    /// The number of values `run` gives a point: `statistics` for each metric and, with a trial
    /// table, each trial's drawn values and metrics.
    public static func valuesPerPoint(trials: Int, trialTable: Bool, draws: DrawLayout) -> Int {
        Metric.allCases.count * statistics.count + (trialTable ? trials * (draws.count + Metric.allCases.count) : 0)
    }

    /// Runs one point on trials `firstTrial..<firstTrial + trials` and summarises it; with
    /// `trialTable`, the summary is followed by every trial's drawn values (`DrawLayout` of
    /// `parameters`) and metrics, trial by trial (the rows of `sweep_trials.csv`).
    public static func run(point: Int, _ parameters: ResolvedParameters, trials: Int, seed: UInt64, threads: Int,
                           firstTrial: Int = 0, trialTable: Bool = false) -> PointResult {
        let result = Simulation.run(parameters, RunConfiguration(trials: trials, seed: seed, threads: threads, firstTrial: firstTrial))
        var values: [Double] = []
        values.reserveCapacity(valuesPerPoint(trials: trials, trialTable: trialTable, draws: result.drawLayout))
        for metric in Metric.allCases {
            let s = Summary(result.values(metric))
            values += [s.mean, s.ciLow, s.ciHigh, s.p05, s.p50, s.p95]
        }
        if trialTable {
            let metrics = Metric.allCases.count, draws = result.drawLayout.count
            for trial in 0..<trials {
                values += result.draws[(trial * draws)..<((trial + 1) * draws)]
                values += result.metrics[(trial * metrics)..<((trial + 1) * metrics)]
            }
        }
        return PointResult(point: point, values: values)
    }
}
