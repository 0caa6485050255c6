// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `summary.csv`: the distribution of every per-trial metric over the run's trials, one row per
/// `Metric` in catalogue order.
///
/// Columns: `metric` (the metric's name, see `Metric.info` for its unit and meaning), then
/// `Summary.csvHeader` — `n` (trials in which the metric is defined), `mean`, `sd`, `se`, the 95 %
/// confidence interval of the mean `ci_low`–`ci_high`, the percentiles `p05`…`p95`, `min`, `max`.
/// A statistic that is undefined (a metric defined in no trial, `sd` with one trial) is an empty
/// cell. Values are in the metric's unit.
public enum SummaryTable {
    /// The file name in a run's output folder.
    public static let fileName = "summary.csv"

    /// The column names.
    public static let header = ["metric"] + Summary.csvHeader

    /// The summary of each metric, in `Metric.allCases` order.
    public static func summaries(_ result: RunResult) -> [(metric: Metric, summary: Summary)] {
        Metric.allCases.map { ($0, Summary(result.values($0))) }
    }

    /// The data rows, one per metric (without the header), for tables that add columns in front
    /// (a policy name in `compare`, a parameter value in `sweep`): the `Metric`s, then each fund's
    /// `fund.<id>.<lp class>.<metric>` (see `FundMetric`).
    public static func rows(_ result: RunResult) -> [[CSVCell]] {
        let named = summaries(result).map { ($0.metric.name, $0.summary) } + fundSummaries(result)
        return named.map { name, summary in
            [.text(name), .integer(summary.n)] + summary.csvValues.dropFirst().map { .number($0) }
        }
    }

    /// The summary of each fund column, by name, in `FundLayout` order.
    public static func fundSummaries(_ result: RunResult) -> [(name: String, summary: Summary)] {
        zip(result.fundLayout.columnNames, result.fundLayout.columns.indices).map { name, column in
            (name, Summary(result.fundValues(column: column)))
        }
    }

    /// The whole table as CSV text.
    public static func csv(_ result: RunResult) -> String {
        var table = CSVWriter(header: header)
        for row in rows(result) { table.append(row) }
        return table.text
    }
}
