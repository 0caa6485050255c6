// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The tables of one run's output folder: `summary.csv`, `trials.csv`, `timeseries.csv`,
/// `funnel.csv`, `fund_cashflows.csv` and, when asked for, `fund_flows.csv` (see each table's type
/// for its columns), and the data dictionary `metrics.csv`, plus the `manifest.json` the caller adds.
///
/// Every table depends only on the `RunResult`, which depends only on the scenario, policy, seed
/// and trial count: the files are byte-identical for any number of threads.
public enum RunOutputs {
    /// The table files, in the order they are written.
    public static let tableNames = [
        SummaryTable.fileName, TrialsTable.fileName, TimeSeriesTable.fileName, FunnelTable.fileName,
    ]

    /// Stages the four tables of `result` in `folder` (nothing is written before `commit()`).
    public static func stage(_ result: RunResult, into folder: inout OutputFolder) {
        folder.add(file: SummaryTable.fileName, contents: SummaryTable.csv(result))
        folder.add(file: TrialsTable.fileName, contents: TrialsTable.csv(result))
        folder.add(file: TimeSeriesTable.fileName, contents: TimeSeriesTable.csv(result))
        folder.add(file: FunnelTable.fileName, contents: FunnelTable.csv(result))
        if !result.fundLayout.funds.isEmpty {
            folder.add(file: FundTables.cashflowsFileName, contents: FundTables.cashflowsCSV(result))
        }
        if !result.fundFlows.isEmpty {
            folder.add(file: FundTables.flowsFileName, contents: FundTables.flowsCSV(result))
        }
        folder.addMetricDictionary(fundColumns: result.fundLayout.columnNames)
    }
}

/// The tables of a `compare` output folder: `compare.csv`, `compare_timeseries.csv` and, with
/// `--interactions`, `interactions.csv`, from the policies' results (the baseline first). `merge`
/// stages a sharded comparison's folder here too, from the trials' data, so the files are the same.
public enum CompareOutputs {
    /// Stages the tables in `folder`; returns the rows of both, for the printed summary.
    @discardableResult
    public static func stage(_ results: [(policy: String, result: RunResult)], interactions: Bool, into folder: inout OutputFolder)
        -> (compare: [CompareTable.Row], interactions: [InteractionTable.Row]) {
        let rows = CompareTable.rows(results)
        folder.add(file: CompareTable.fileName, contents: CompareTable.csv(rows, costs: CompareTable.costs(results)))
        folder.add(file: CompareTimeSeriesTable.fileName, contents: CompareTimeSeriesTable.csv(results))
        let interactionRows = interactions ? InteractionTable.rows(results) : []
        if interactions {
            folder.add(file: InteractionTable.fileName, contents: InteractionTable.csv(interactionRows))
        }
        folder.addMetricDictionary(fundColumns: results.first?.result.fundLayout.columnNames ?? [])
        return (rows, interactionRows)
    }
}
