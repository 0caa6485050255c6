// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The funds' tables of a run's output folder (MODEL.md §6).
///
/// `fund_cashflows.csv` — by fund, LP class and year, the distribution across trials:
/// `fund,lp_class,year,statistic,contributions,distributions,nav,net_cumulative`, with `statistic`
/// one of `mean`, `p05`, `p50`, `p95`; `year` 1…horizon; `contributions` and `distributions` are
/// that year's flows, `nav` the value at the year's end, `net_cumulative` the cumulative
/// distributions − contributions to the year's end (the J-curve). 万元. `lp_class` is
/// `government`, `private` or `gross` (the fund's deals before fees and carry).
///
/// `fund_flows.csv` (`run --fund-flows`) — every trial's monthly flows:
/// `trial,fund,lp_class,month,contribution,distribution,nav`, a row for every month from the fund's
/// first close to the horizon (month 0 is the first month of the simulation; flows happen within
/// the month, `nav` is at its end). Every metric in `summary.csv` can be recomputed from it: the
/// IRR is that of `distribution − contribution` by month, with the last month's `nav` added to the
/// last month's flow.
public enum FundTables {
    public static let cashflowsFileName = "fund_cashflows.csv"
    public static let flowsFileName = "fund_flows.csv"
    public static let cashflowsHeader = [
        "fund", "lp_class", "year", "statistic", "contributions", "distributions", "nav", "net_cumulative",
    ]
    public static let flowsHeader = ["trial", "fund", "lp_class", "month", "contribution", "distribution", "nav"]

    public static func cashflowsCSV(_ result: RunResult) -> String {
        var table = CSVWriter(header: cashflowsHeader)
        let layout = result.fundLayout
        for (f, id) in layout.funds.enumerated() {
            for c in LPClass.allCases {
                for year in 0..<result.years {
                    let summaries = FundYearly.allCases.map { BandSummary(result.fundValues(fund: f, c, year: year, $0)) }
                    for (statistic, pick) in [("mean", \BandSummary.mean), ("p05", \.p05), ("p50", \.p50), ("p95", \.p95)] {
                        table.append([.text(id), .text(c.name), .integer(year + 1), .text(statistic)]
                                     + summaries.map { .number($0[keyPath: pick]) })
                    }
                }
            }
        }
        return table.text
    }

    public static func flowsCSV(_ result: RunResult) -> String {
        flowsTable(result).text
    }

    /// The rows of `fund_flows.csv` for the trial `local` of `result` (counted from its first
    /// trial), without the header: what a streaming run appends trial by trial after writing the
    /// header once.
    public static func flowsRows(_ result: RunResult, trial local: Int) -> Substring {
        flowsTable(result, trials: local..<(local + 1)).body
    }

    private static func flowsTable(_ result: RunResult, trials: Range<Int>? = nil) -> CSVWriter {
        var table = CSVWriter(header: flowsHeader)
        let layout = result.fundLayout, months = result.months
        let perTrial = layout.flowWidth(months: months)
        for trial in trials ?? 0..<result.trials {
            for (f, id) in layout.funds.enumerated() {
                func value(_ c: LPClass, _ m: Int, _ k: Int) -> Double {
                    result.fundFlows[trial * perTrial + layout.flowIndex(fund: f, c, month: m, months: months) + k]
                }
                // From the fund's first flow: the first month with a contribution from either LP class.
                let first = (0..<months).first { value(.government, $0, 0) != 0 || value(.private, $0, 0) != 0 } ?? months
                for c in LPClass.allCases {
                    for m in first..<months {
                        table.append([.integer(result.firstTrial + trial), .text(id), .text(c.name), .integer(m),
                                      .number(value(c, m, 0)), .number(value(c, m, 1)), .number(value(c, m, 2))])
                    }
                }
            }
        }
        return table
    }
}
