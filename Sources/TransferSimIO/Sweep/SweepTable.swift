// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `sweep.csv` (one row per design point: `point`, the parameter values, then
/// `<metric>.mean,<metric>.ci_low,<metric>.ci_high,<metric>.p05,<metric>.p50,<metric>.p95` for
/// each metric), `sweep_long.csv` (`point,metric,stat,value`) and, when the sweep keeps its
/// trials, `sweep_trials.csv` (one row per point and trial: `point,trial`, the point's parameter
/// values, the values the trial drew for the scenario's uncertain parameters `draw:PATH`, then
/// each metric), rows sorted by point (then trial).
public enum SweepTable {
    public static let fileName = "sweep.csv"
    public static let longFileName = "sweep_long.csv"
    public static let trialsFileName = "sweep_trials.csv"

    /// The number of summary values of a point (its row of `sweep.csv` after the parameters).
    static var summaryWidth: Int { Metric.allCases.count * SweepRunner.statistics.count }

    public static func header(paths: [String]) -> [String] {
        ["point"] + paths + Metric.allCases.flatMap { m in SweepRunner.statistics.map { "\(m.name).\($0)" } }
    }

    public static func csv(paths: [String], points: [[Double]], results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: header(paths: paths))
        for r in results.sorted(by: { $0.point < $1.point }) {
            table.append([.integer(r.point)] + points[r.point].map { .number($0) } + r.values.prefix(summaryWidth).map { .number($0) })
        }
        return table.text
    }

    /// The header of `sweep_trials.csv`.
    public static func trialsHeader(paths: [String], draws: DrawLayout) -> [String] {
        ["point", "trial"] + paths + draws.names + Metric.allCases.map(\.name)
    }

    /// `sweep_trials.csv`, from results that carry their trials (`SweepRunner.run` with a trial
    /// table) of `trials` trials from `firstTrial`.
    public static func trialsCSV(paths: [String], points: [[Double]], draws: DrawLayout, trials: Int, firstTrial: Int,
                                 results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: trialsHeader(paths: paths, draws: draws))
        let width = draws.count + Metric.allCases.count
        for r in results.sorted(by: { $0.point < $1.point }) {
            let design = points[r.point].map { CSVCell.number($0) }
            for trial in 0..<trials {
                let start = summaryWidth + trial * width
                table.append([.integer(r.point), .integer(firstTrial + trial)] + design
                             + r.values[start..<(start + width)].map { .number($0) })
            }
        }
        return table.text
    }

    public static func longCSV(results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: ["point", "metric", "stat", "value"])
        let k = SweepRunner.statistics.count
        for r in results.sorted(by: { $0.point < $1.point }) {
            for (mi, metric) in Metric.allCases.enumerated() {
                for (si, stat) in SweepRunner.statistics.enumerated() {
                    table.append([.integer(r.point), .text(metric.name), .text(stat), .number(r.values[mi * k + si])])
                }
            }
        }
        return table.text
    }
}
