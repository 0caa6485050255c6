// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

extension HTMLReport {
    /// The cost curve of a comparison (`compare_timeseries.csv`): the chart, a sentence per variant
    /// saying from which year its extra local conversions to date are above zero and whether its
    /// cost per extra local conversion has settled, and the numbers year by year. Empty when the
    /// folder has no such table (a folder of an earlier version).
    func costCurveSection() -> String {
        guard let table = folder.compareTimeSeries, let curves = try? charts.costCurveRows() else { return "" }
        var out = "<h3>\(e(t("When each variant starts to pay off: the cost curve", "各方案何时见效：成本曲线")))</h3>\n"
        out += "<p>\(e(t("Each variant's extra fiscal cost and extra local conversions to the end of each year, against the baseline on the same trials (mean paired difference, 95 % interval as cross bars). Money spent before conversions arrive moves the curve to the right; it turns upward when the extra conversions come. The slope from the origin to a point is the conversions bought per 万元 to that year; the table gives its inverse, 万元 per extra local conversion to date (Fieller's 95 % interval; not defined while the extra conversions' interval includes 0, and not given while the variant has fewer).", "各方案至每年年末的累计新增财政支出与累计新增本地转化，与基准在相同试验上配对比较（配对差异均值，十字线为 95% 区间）。转化到来之前的支出使曲线右移；新增转化出现后曲线上扬。原点到某点连线的斜率即至该年每万元带来的转化；下表给出其倒数，即至该年每增一项本地转化的成本（Fieller 95% 区间；新增转化的区间包含 0 时无定义，转化少于基准时不列出）。")))</p>\n"
        out += figure(.costCurve)
        let unitCost = "万元 per result"
        var sentences: [String] = []
        var rows: [[String]] = []
        for (policy, years) in curves where !years.isEmpty {
            let n = { (row: [String], column: String) in table.number(row, column) }
            guard let last = years.last else { continue }
            let cost = differenceText(table, last.cost, unit: "万元")
            let local = differenceText(table, last.local, unit: "results")
            var sentence = t("\(policy): to the end of year \(last.year), \(cost) 万元 of fiscal cost and \(local) local conversions against the baseline",
                             "\(policy)：至第 \(last.year) 年末，累计财政支出变化 \(cost) 万元，累计本地转化变化 \(local) 项")
            // The first year from which every later year's difference to date lies above (below) 0.
            func from(_ side: (_ low: Double, _ high: Double) -> Bool) -> Int? {
                let holds = years.map { side(n($0.local, "diff_ci_low"), n($0.local, "diff_ci_high")) }
                let first = holds.lastIndex(of: false).map { $0 + 1 } ?? 0
                return first < years.count ? years[first].year : nil
            }
            if let year = from({ low, _ in low > 0 }) {
                sentence += t("; the extra local conversions are above zero (95 % interval) from year \(year).",
                              "；自第 \(year) 年起累计新增本地转化高于零（95% 区间）。")
                if let ratio = last.ratio, n(ratio, "diff").isFinite {
                    let low = n(ratio, "diff_ci_low"), high = n(ratio, "diff_ci_high")
                    // Settled: from this year on every year's estimate is inside the horizon's interval.
                    let inside = years.map { $0.ratio.map { low <= n($0, "diff") && n($0, "diff") <= high } ?? false }
                    let settled = inside.lastIndex(of: false).map { $0 + 1 } ?? 0
                    let value = ReportNumber.value(n(ratio, "diff"), unit: unitCost)
                    let interval = ReportNumber.interval(low, high, unit: unitCost, difference: false, language: language)
                    sentence += t(" In year \(last.year), \(value) 万元 per extra local conversion to date \(interval)",
                                        "至第 \(last.year) 年每增一项本地转化 \(value) 万元 \(interval)")
                    sentence += settled < years.count - 1
                        ? t(", every year's estimate within that interval since year \(years[settled].year).",
                            "，自第 \(years[settled].year) 年起各年估计均在此区间内。")
                        : t(", still changing at the horizon (the years before outside that interval).",
                            "，至期末仍在变化（此前各年不在此区间内）。")
                }
            } else if let year = from({ _, high in high < 0 }) {
                sentence += t("; fewer local conversions than the baseline (95 % interval) from year \(year).",
                              "；自第 \(year) 年起累计本地转化少于基准（95% 区间）。")
            } else {
                sentence += t("; the difference in local conversions cannot be told from zero at the horizon.",
                              "；至期末本地转化的差异与零无显著差别。")
            }
            sentences.append(sentence)
            for year in years {
                let cost = differenceCells(table, year.cost, unit: "万元")
                let local = differenceCells(table, year.local, unit: "results")
                // The ratio is a cost per *extra* conversion only where there are extra conversions
                // (below zero it would be 万元 saved per conversion lost: compare_timeseries.csv has it).
                var ratio = [e(t("not defined", "无定义")), ""]
                if n(year.local, "diff_ci_high") < 0 {
                    ratio[0] = e(t("fewer conversions", "转化减少"))
                } else if let row = year.ratio, n(row, "diff").isFinite {
                    ratio = [e(ReportNumber.value(n(row, "diff"), unit: unitCost)),
                             e(ReportNumber.interval(n(row, "diff_ci_low"), n(row, "diff_ci_high"), unit: unitCost,
                                                     difference: false, language: language))]
                }
                rows.append([e(policy), "\(year.year)", cost.diff, cost.interval, local.diff, local.interval] + ratio)
            }
        }
        out += "<ul>\n" + sentences.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        out += details(
            e(t("Year by year, to the end of each year (\(rows.count) rows; in bold where the 95 % interval excludes 0)",
                "逐年累计至年末（\(rows.count) 行；95% 区间不含 0 者以粗体标出）")),
            plainTable(header: [
                e(t("variant", "方案")), e(t("year", "年份")), e(t("Δ fiscal cost to date (万元)", "累计财政支出变化（万元）")),
                e(t("95 % interval", "95% 区间")), e(t("Δ local conversions to date", "累计本地转化变化（项）")),
                e(t("95 % interval", "95% 区间")),
                e(t("万元 per extra local conversion to date", "至该年每增一项本地转化成本（万元）")),
                e(t("Fieller 95 % interval", "Fieller 95% 区间")),
            ], rows: rows) { $0 >= 1 }, open: rows.count <= 3 * Self.foldAbove)
        return out
    }

    /// A paired difference of `row` (`diff` and its 95 % interval) as plain text: `+3.7 [+3.1, +4.4]`.
    func differenceText(_ table: ResultsFolder.Table, _ row: [String], unit: String) -> String {
        ReportNumber.difference(table.number(row, "diff"), unit: unit, language: language) + " "
            + ReportNumber.interval(table.number(row, "diff_ci_low"), table.number(row, "diff_ci_high"), unit: unit,
                                    difference: true, language: language)
    }
}
