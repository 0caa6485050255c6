// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `interactions.csv` (`compare --interactions`): for each combined policy `a+b` of a comparison,
/// the interaction (a+b) − a − b of each metric, measured from the baseline: the mean over trials
/// of (a+b) − a − b + baseline on the same trial, with its 95 % t interval (a
/// `PairedComparison` of a+b against a + b − baseline). Zero means the parts add up; negative,
/// that they overlap (the package buys less than its parts); positive, that they reinforce.
///
/// Columns: `policy`, `metric`, `interaction`, `ci_low`, `ci_high`; one row per combined policy
/// and engine metric (`Metric.allCases` order). Combinations of more than two parts use all of
/// them: (a+b+c) − a − b − c + 2 × baseline.
public enum InteractionTable {
    public static let fileName = "interactions.csv"
    public static let header = ["policy", "metric", "interaction", "ci_low", "ci_high"]

    public struct Row: Sendable {
        public let policy: String
        public let metric: Metric
        public let interaction: PairedComparison
    }

    /// The rows for every combined policy in `results` whose parts were all run (`results[0]` is
    /// the baseline).
    public static func rows(_ results: [(policy: String, result: RunResult)]) -> [Row] {
        guard let baseline = results.first?.result else { return [] }
        var rows: [Row] = []
        for run in results.dropFirst() where run.policy.contains("+") {
            let parts = run.policy.split(separator: "+").map(String.init)
            let found = parts.compactMap { part in part == "baseline" ? baseline : results.first { $0.policy == part }?.result }
            guard found.count == parts.count else { continue }
            for metric in Metric.allCases {
                let base = baseline.values(metric)
                var sum = [Double](repeating: 0, count: base.count)
                for part in found {
                    for (t, v) in part.values(metric).enumerated() { sum[t] += v }
                }
                // a + b − baseline (for k parts: Σ parts − (k − 1) × baseline).
                let reference = zip(sum, base).map { $0 - Double(found.count - 1) * $1 }
                rows.append(Row(policy: run.policy, metric: metric,
                                interaction: PairedComparison(baseline: reference, variant: run.result.values(metric), direction: .none)))
            }
        }
        return rows
    }

    public static func csv(_ rows: [Row]) -> String {
        var table = CSVWriter(header: header)
        for row in rows {
            let p = row.interaction
            table.append([.text(row.policy), .text(row.metric.name), .number(p.diff), .number(p.diffLow), .number(p.diffHigh)])
        }
        return table.text
    }

    /// The key metrics' interactions for a terminal.
    public static func text(_ rows: [Row], metrics: [Metric] = RunReport.keyMetrics.map(\.metric)) -> String {
        var table = TextTable([.left, .left, .right, .left, .left])
        table.append(["metric", "policy", "(a+b) − a − b", "95 % CI", "unit"])
        for metric in metrics {
            let unit = metric.info.unit
            for row in rows where row.metric == metric {
                let p = row.interaction
                table.append([metric.name, row.policy, ReadableNumber.format(p.diff, unit: unit),
                              "[\(ReadableNumber.format(p.diffLow, unit: unit)), \(ReadableNumber.format(p.diffHigh, unit: unit))]",
                              ReadableNumber.displayUnit(unit)])
            }
        }
        return table.text
    }
}
