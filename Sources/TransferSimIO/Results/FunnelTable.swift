// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `funnel.csv`: how many results reach, pass and leave each pipeline stage, one row per
/// `FunnelStage` in pipeline order. Counts are results per trial over the whole horizon.
///
/// Columns: `stage`; `entered_mean`, `entered_p05`, `entered_p95` (results that reached the stage:
/// mean and 90 % interval over trials); `passed_mean`, `passed_p05`, `passed_p95` (results that
/// went on, including those that skip the stage); and the means of where the rest left:
/// `failed_technical_mean`, `abandoned_mean`, `outflow_mean` (taken elsewhere). Results still in
/// the stage at the horizon make up the difference.
public enum FunnelTable {
    /// The file name in a run's output folder.
    public static let fileName = "funnel.csv"

    /// The column names.
    public static let header = [
        "stage", "entered_mean", "entered_p05", "entered_p95", "passed_mean", "passed_p05", "passed_p95",
        "failed_technical_mean", "abandoned_mean", "outflow_mean",
    ]

    /// The data rows (without the header), for tables that add columns in front.
    public static func rows(_ result: RunResult) -> [[CSVCell]] {
        FunnelStage.allCases.map { stage in
            let entered = BandSummary(result.values(stage, .entered))
            let passed = BandSummary(result.values(stage, .passed))
            let mean = { (column: FunnelColumn) in BandSummary(result.values(stage, column)).mean }
            return [
                .text(stage.name),
                .number(entered.mean), .number(entered.p05), .number(entered.p95),
                .number(passed.mean), .number(passed.p05), .number(passed.p95),
                .number(mean(.failedTechnical)), .number(mean(.abandoned)), .number(mean(.outflow)),
            ]
        }
    }

    /// The whole table as CSV text.
    public static func csv(_ result: RunResult) -> String {
        var table = CSVWriter(header: header)
        for row in rows(result) { table.append(row) }
        return table.text
    }
}
