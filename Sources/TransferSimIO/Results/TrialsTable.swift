// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `trials.csv`: every trial's metrics, one row per trial in trial order (wide form, for
/// histograms, scatter plots and user-defined statistics).
///
/// Columns: `trial`, the trial's index in the random streams (0-based, counted from the run's
/// `firstTrial`, so a trial can be replayed alone with the same seed), then the values the trial
/// drew for the scenario's uncertain parameters (`draw:PATH`, see `DrawLayout`; none when no
/// parameter is a distribution), then one column per `Metric` in catalogue order, named by
/// `Metric.name`, then each fund column `fund.<id>.<lp class>.<metric>`. A metric undefined in a
/// trial (a ratio with a zero denominator, an IRR without a sign change) is an empty cell.
public enum TrialsTable {
    /// The file name in a run's output folder.
    public static let fileName = "trials.csv"

    /// The columns every run has (besides the drawn values after `trial`, and the funds').
    public static let header = ["trial"] + Metric.allCases.map(\.name)

    /// The whole table as CSV text.
    public static func csv(_ result: RunResult) -> String {
        let funds = result.fundLayout.columnNames, draws = result.drawLayout.count
        var table = CSVWriter(header: ["trial"] + result.drawLayout.names + Metric.allCases.map(\.name) + funds)
        var row = [CSVCell](repeating: .empty, count: header.count + draws + funds.count)
        for trial in 0..<result.trials {
            row[0] = .integer(result.firstTrial + trial)
            for c in 0..<draws { row[1 + c] = .number(result.draw(c, trial: trial)) }
            for metric in Metric.allCases {
                row[1 + draws + metric.rawValue] = .number(result.value(metric, trial: trial))
            }
            for c in funds.indices {
                row[header.count + draws + c] = .number(result.fundMetrics[trial * funds.count + c])
            }
            table.append(row)
        }
        return table.text
    }
}
