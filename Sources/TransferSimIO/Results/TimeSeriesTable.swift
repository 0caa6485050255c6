// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `timeseries.csv`: the yearly metrics over the trials, year by year, for fan charts (tidy long
/// form: one row per year and metric).
///
/// Columns: `year` (simulated year, 1 to the horizon), `metric` (`YearlyMetric.name`: the flow in
/// that year, in the unit of the per-trial metric of the same name; the `cumulative_` ones are
/// running totals to the year's end, the cost curve of fiscal cost against local conversions), then the `mean` and the
/// `p05`, `p25`, `p50`, `p75` and `p95` percentiles over trials (the 90 % and 50 % bands of a fan
/// chart around the median). Rows are ordered by year, then by metric in
/// `YearlyMetric.allCases` order.
public enum TimeSeriesTable {
    /// The file name in a run's output folder.
    public static let fileName = "timeseries.csv"

    /// The column names.
    public static let header = ["year", "metric", "mean", "p05", "p25", "p50", "p75", "p95"]

    /// The data rows (without the header).
    public static func rows(_ result: RunResult) -> [[CSVCell]] {
        var rows: [[CSVCell]] = []
        rows.reserveCapacity(result.years * YearlyMetric.count)
        for year in 0..<result.years {
            for metric in YearlyMetric.allCases { rows.append(row(result, metric, year: year)) }
        }
        return rows
    }

    /// One data row: the year (1-based), the metric, and the bands of `metric` in `year` (0-based)
    /// over the trials; for tables that add columns around it (`CompareTimeSeriesTable`).
    public static func row(_ result: RunResult, _ metric: YearlyMetric, year: Int) -> [CSVCell] {
        let bands = BandSummary(result.values(metric, year: year))
        return [
            .integer(year + 1), .text(metric.name),
            .number(bands.mean), .number(bands.p05), .number(bands.p25), .number(bands.p50), .number(bands.p75),
            .number(bands.p95),
        ]
    }

    /// The whole table as CSV text.
    public static func csv(_ result: RunResult) -> String {
        var table = CSVWriter(header: header)
        for row in rows(result) { table.append(row) }
        return table.text
    }
}
