// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `compare_timeseries.csv`: each policy's yearly series (the rows of a run's `timeseries.csv`,
/// `TimeSeriesTable`) with the paired difference from the baseline year by year, so that the
/// lag between spending and conversions shows: the cost curve of cumulative fiscal cost against
/// cumulative local conversions.
///
/// Columns: `policy`, then `timeseries.csv`'s `year,metric,mean,p05,p25,p50,p75,p95` (the policy's
/// mean over trials and the 90 % and 50 % bands of trials), then, empty on the baseline's rows:
/// `diff` (mean over trials of the variant's value minus the baseline's on the same trial, in that
/// year), `diff_ci_low`, `diff_ci_high` (the 95 % t interval of the paired differences, as in
/// `compare.csv`). For `cumulative_fiscal_cost` and `cumulative_converted_local` the difference is
/// the extra fiscal cost (万元) and the extra local conversions to the end of the year.
///
/// After each of a variant's years, one `cost_per_extra_local_conversion` row: `diff` is Δ
/// cumulative fiscal cost / Δ cumulative local conversions to the end of that year (万元 per extra
/// local conversion) and `diff_ci_low`, `diff_ci_high` Fieller's 95 % interval (as the row of
/// `compare.csv`, which is this row's value at the horizon up to rounding in the sums); the other
/// columns are empty, and so are these while the interval of Δ local conversions to date includes 0.
///
/// Rows are ordered by policy (the baseline first), year, then metric in `YearlyMetric.allCases`
/// order. Two policies that differ only from year k have exactly 0 as every difference of the
/// years before k (common random numbers hold across schedules, docs/schedules.md).
public enum CompareTimeSeriesTable {
    /// The file name in a comparison's output folder.
    public static let fileName = "compare_timeseries.csv"

    /// The column names.
    public static let header = ["policy"] + TimeSeriesTable.header + ["diff", "diff_ci_low", "diff_ci_high"]

    /// The whole table as CSV text; `results[0]` is the baseline.
    public static func csv(_ results: [(policy: String, result: RunResult)]) -> String {
        var table = CSVWriter(header: header)
        guard let baseline = results.first?.result else { return table.text }
        let blank = [CSVCell](repeating: .empty, count: TimeSeriesTable.header.count - 2)
        for (index, run) in results.enumerated() {
            for year in 0..<run.result.years {
                for metric in YearlyMetric.allCases {
                    var cells = [.text(run.policy)] + TimeSeriesTable.row(run.result, metric, year: year)
                    if index == 0 {
                        cells += [.empty, .empty, .empty]
                    } else {
                        let paired = PairedComparison(baseline: baseline.values(metric, year: year),
                                                      variant: run.result.values(metric, year: year), direction: .none)
                        cells += [.number(paired.diff), .number(paired.diffLow), .number(paired.diffHigh)]
                    }
                    table.append(cells)
                }
                guard index > 0 else { continue }
                func toDate(_ r: RunResult) -> (cost: [Double], local: [Double]) {
                    (r.values(.cumulativeFiscalCost, year: year), r.values(.cumulativeConvertedLocal, year: year))
                }
                let cost = CompareTable.cost(variant: toDate(run.result), baseline: toDate(baseline))
                table.append([.text(run.policy), .integer(year + 1), .text(CompareTable.costMetric)] + blank
                             + [.number(cost.ratio), .number(cost.low), .number(cost.high)])
            }
        }
        return table.text
    }
}
