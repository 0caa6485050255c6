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
        var table = CSVWriter(header: flowsHeader)
        let layout = result.fundLayout, months = result.months
        let perTrial = layout.funds.count * LPClass.count * months * 3
        for trial in 0..<result.trials {
            for (f, id) in layout.funds.enumerated() {
                func offset(_ c: LPClass) -> Int { trial * perTrial + (f * LPClass.count + c.rawValue) * months * 3 }
                // From the fund's first flow: the first month with a contribution from either LP class.
                let first = (0..<months).first { m in
                    result.fundFlows[offset(.government) + 3 * m] != 0 || result.fundFlows[offset(.private) + 3 * m] != 0
                } ?? months
                for c in LPClass.allCases {
                    let base = offset(c)
                    for m in first..<months {
                        table.append([.integer(result.firstTrial + trial), .text(id), .text(c.name), .integer(m),
                                      .number(result.fundFlows[base + 3 * m]), .number(result.fundFlows[base + 3 * m + 1]),
                                      .number(result.fundFlows[base + 3 * m + 2])])
                    }
                }
            }
        }
        return table.text
    }
}
