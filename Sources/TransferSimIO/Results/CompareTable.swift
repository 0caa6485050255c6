// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `compare.csv`: the baseline and each policy variant of a scenario, run on the same trial
/// indices (common random numbers), one row per policy and metric.
///
/// Columns: `policy`, `metric`; `mean`, `ci_low`, `ci_high` (the policy's mean over trials with the
/// 95 % interval of the mean, as in `summary.csv`); then, empty on the baseline's rows: `diff`
/// (mean over trials of the variant's value minus the baseline's on the same trial),
/// `diff_ci_low`, `diff_ci_high` (95 % t interval of the paired differences), `rel_diff`
/// (`diff` / the baseline's mean), and `p_better` (share of trials in which the variant did
/// strictly better in the metric's `betterDirection`; empty for metrics with no better
/// direction). Trials where a metric is undefined (NaN) under either policy are left out of that
/// metric's paired statistics.
///
/// After each variant's rows, one `cost_per_extra_local_conversion` row: `diff` is Δ fiscal cost /
/// Δ local conversions (万元 per extra local conversion, variant − baseline per trial) and
/// `diff_ci_low`, `diff_ci_high` Fieller's 95 % interval on the paired per-trial differences
/// (`FiellerRatio`); `mean`, `ci_low`, `ci_high`, `rel_diff`, `p_better` are empty. When the
/// interval of Δ local conversions includes 0 the ratio is not defined and the row's numbers are
/// all empty.
public enum CompareTable {
    /// The file name in a comparison's output folder.
    public static let fileName = "compare.csv"

    /// The column names.
    public static let header = [
        "policy", "metric", "mean", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high", "rel_diff", "p_better",
    ]

    /// One row of the table.
    public struct Row: Sendable {
        public let policy: String
        /// The metric's name: a `Metric`'s, or a fund column's `fund.<id>.<lp class>.<metric>`.
        public let name: String
        /// The `Metric`, for the engine's metrics (nil for fund columns).
        public let metric: Metric?
        public let summary: Summary
        /// `nil` on the baseline's rows.
        public let paired: PairedComparison?
    }

    /// The rows: the baseline's metrics, then each variant's, in `Metric.allCases` order followed
    /// by the fund columns (the funds of the baseline; a fund only a variant declares is left out).
    /// `results[0]` is the baseline.
    public static func rows(_ results: [(policy: String, result: RunResult)]) -> [Row] {
        guard let baseline = results.first else { return [] }
        var rows: [Row] = []
        let layout = baseline.result.fundLayout
        for (index, run) in results.enumerated() {
            for metric in Metric.allCases {
                let values = run.result.values(metric)
                let paired = index == 0 ? nil : PairedComparison(
                    baseline: baseline.result.values(metric), variant: values, direction: metric.betterDirection)
                rows.append(Row(policy: run.policy, name: metric.name, metric: metric, summary: Summary(values), paired: paired))
            }
            let names = run.result.fundLayout.columnNames
            for (c, column) in layout.columns.enumerated() {
                guard let k = names.firstIndex(of: layout.columnNames[c]) else { continue }
                let values = run.result.fundValues(column: k)
                let paired = index == 0 ? nil : PairedComparison(
                    baseline: baseline.result.fundValues(column: c), variant: values,
                    direction: column.metric.betterDirection)
                rows.append(Row(policy: run.policy, name: layout.columnNames[c], metric: nil, summary: Summary(values),
                                paired: paired))
            }
        }
        return rows
    }

    /// The metric name of the cost-effectiveness rows.
    public static let costMetric = "cost_per_extra_local_conversion"

    /// Each variant's Δ fiscal cost / Δ local conversions with Fieller's interval, by policy name
    /// (`results[0]` is the baseline and has none).
    public static func costs(_ results: [(policy: String, result: RunResult)]) -> [String: FiellerRatio] {
        guard let baseline = results.first?.result else { return [:] }
        var costs: [String: FiellerRatio] = [:]
        for run in results.dropFirst() {
            costs[run.policy] = cost(variant: (run.result.values(.fiscalCostTotal), run.result.values(.convertedLocal)),
                                     baseline: (baseline.values(.fiscalCostTotal), baseline.values(.convertedLocal)))
        }
        return costs
    }

    /// Δ fiscal cost / Δ local conversions, variant − baseline per trial, with Fieller's 95 %
    /// interval, from each policy's per-trial fiscal cost and local conversions (same trial order):
    /// over the horizon in `compare.csv`, to the end of each year in `compare_timeseries.csv`.
    public static func cost(variant: (cost: [Double], local: [Double]), baseline: (cost: [Double], local: [Double]))
        -> FiellerRatio {
        FiellerRatio(numerator: zip(variant.cost, baseline.cost).map { $0 - $1 },
                     denominator: zip(variant.local, baseline.local).map { $0 - $1 })
    }

    /// The whole table as CSV text; `costs` adds a cost-effectiveness row after each of those
    /// variants' rows.
    public static func csv(_ rows: [Row], costs: [String: FiellerRatio] = [:]) -> String {
        var table = CSVWriter(header: header)
        for (index, row) in rows.enumerated() {
            defer {
                if let cost = costs[row.policy], index + 1 == rows.count || rows[index + 1].policy != row.policy {
                    table.append([.text(row.policy), .text(costMetric), .empty, .empty, .empty,
                                  .number(cost.ratio), .number(cost.low), .number(cost.high), .empty, .empty])
                }
            }
            var cells: [CSVCell] = [
                .text(row.policy), .text(row.name),
                .number(row.summary.mean), .number(row.summary.ciLow), .number(row.summary.ciHigh),
            ]
            if let p = row.paired {
                cells += [.number(p.diff), .number(p.diffLow), .number(p.diffHigh), .number(p.relativeDiff),
                          .number(p.pBetter)]
            } else {
                cells += [.empty, .empty, .empty, .empty, .empty]
            }
            table.append(cells)
        }
        return table.text
    }

    /// The readable table for a terminal: for each key metric, the baseline's mean, then each
    /// variant's mean and paired difference with its 95 % interval and `p_better`.
    public static func text(_ rows: [Row], metrics: [Metric] = RunReport.keyMetrics.map(\.metric)) -> String {
        var table = TextTable([.left, .left, .right, .right, .left, .right, .left])
        table.append(["metric", "policy", "mean", "diff", "diff 95 % CI", "p_better", "unit"])
        for metric in metrics {
            let unit = metric.info.unit
            for row in rows where row.metric == metric {
                let mean = ReadableNumber.format(row.summary.mean, unit: unit)
                guard let p = row.paired else {
                    table.append([metric.name, row.policy, mean, "", "", "", ReadableNumber.displayUnit(unit)])
                    continue
                }
                let interval = "[\(ReadableNumber.format(p.diffLow, unit: unit)), \(ReadableNumber.format(p.diffHigh, unit: unit))]"
                let better = p.pBetter.isNaN ? "" : ReadableNumber.format(p.pBetter, unit: "share")
                table.append([
                    metric.name, row.policy, mean, ReadableNumber.format(p.diff, unit: unit), interval, better,
                    ReadableNumber.displayUnit(unit),
                ])
            }
        }
        return table.text
    }
}
