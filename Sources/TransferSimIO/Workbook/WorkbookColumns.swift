// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// What the workbook knows about the tables of a results folder: each file's sheet name and
/// title, each column's English and Chinese header, and how a cell's unit is found (from the
/// column, or from the metric its row or column names).
enum WorkbookColumns {
    /// A table's sheet name (at most 31 characters, Excel's limit) and its title in both languages.
    struct Sheet {
        let name: String
        let en: String
        let zh: String
    }

    /// The sheets of the known tables, by file name.
    static let sheets: [String: Sheet] = [
        SummaryTable.fileName: Sheet(name: "summary 汇总", en: "Every metric over trials", zh: "各指标的试验统计"),
        TrialsTable.fileName: Sheet(name: "trials 逐次试验", en: "Each trial's metrics", zh: "每次试验的指标"),
        TimeSeriesTable.fileName: Sheet(name: "timeseries 年度", en: "Yearly flows by simulated year", zh: "按模拟年份的年度流量"),
        FunnelTable.fileName: Sheet(name: "funnel 漏斗", en: "Results entering, passing and leaving each stage", zh: "各阶段进入、通过与流失的成果"),
        FundTables.cashflowsFileName: Sheet(name: "fund_cashflows 基金现金流", en: "Fund cash flows by LP class and year", zh: "基金按出资类别和年份的现金流"),
        FundTables.flowsFileName: Sheet(name: "fund_flows 基金月度流水", en: "Every trial's monthly fund flows", zh: "每次试验的基金月度流水"),
        CompareTable.fileName: Sheet(name: "compare 政策比较", en: "Each policy against the baseline on the same trials", zh: "各政策与基准的配对比较"),
        CompareTimeSeriesTable.fileName: Sheet(name: "compare_timeseries 逐年比较", en: "Each policy by year, with the paired difference from the baseline (the cost curve)", zh: "各政策逐年结果及与基准的配对差值（成本曲线）"),
        InteractionTable.fileName: Sheet(name: "interactions 交互", en: "Interactions of combined policies", zh: "组合政策的交互作用"),
        LeversTable.fileName: Sheet(name: "levers 政策杠杆", en: "What each lever step buys", zh: "各政策杠杆的效果"),
        SweepTable.fileName: Sheet(name: "sweep 参数扫描", en: "Each design point's metrics", zh: "各设计点的指标"),
        SweepTable.longFileName: Sheet(name: "sweep_long 扫描长表", en: "Each design point's metrics, long form", zh: "各设计点的指标（长表）"),
        SweepTable.trialsFileName: Sheet(name: "sweep_trials 扫描逐次试验", en: "Each trial of each design point: its draws and metrics",
                                         zh: "各设计点每次试验的抽样值与指标"),
        SensitivityTable.fileName: Sheet(name: "sensitivity 敏感性", en: "Sensitivity indices with 95 % intervals", zh: "敏感性指数及95%区间"),
        SensitivityTable.samplesFileName: Sheet(name: "sens_samples 敏感性样本", en: "Sensitivity evaluations", zh: "敏感性分析样本"),
        SensitivityTable.trialsFileName: Sheet(name: "sens_trials 敏感性试验", en: "Sensitivity evaluations by trial", zh: "敏感性分析逐次试验"),
        MetricDictionary.fileName: Sheet(name: "metrics 指标说明", en: "Data dictionary: every metric", zh: "数据字典：各指标说明"),
    ]

    /// The sheet of a table, or one named after an unknown file (`name.csv` → `name`).
    static func sheet(for file: String) -> Sheet {
        if let known = sheets[file] { return known }
        let stem = file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
        let safe = String(stem.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return Sheet(name: safe, en: file, zh: file)
    }

    /// How the unit of a column's cells is found.
    enum UnitSource {
        /// Every cell has this catalogue unit (`万元`, `share`, `results`, …; `""` for plain numbers).
        case fixed(String)
        /// A whole number (a count of trials, a year, an index).
        case integer
        /// The unit of the metric named in the row's metric column.
        case rowMetric
        /// The difference of the row's metric: percentage points for shares.
        case rowMetricDifference
        /// Text, never a number.
        case text
    }

    /// A column's headers and unit source.
    struct Column {
        let en: String
        let zh: String
        let unit: UnitSource
    }

    /// The known columns (by CSV name) of the tables whose rows name a metric.
    static let known: [String: Column] = [
        "metric": Column(en: "Metric (key)", zh: "指标（键名）", unit: .text),
        "label_zh": Column(en: "Metric (Chinese)", zh: "指标", unit: .text),
        "label_en": Column(en: "Metric (English)", zh: "指标（英文）", unit: .text),
        "unit": Column(en: "Unit", zh: "单位", unit: .text),
        "description": Column(en: "Meaning", zh: "含义（英文）", unit: .text),
        "better": Column(en: "Better when", zh: "改善方向", unit: .text),
        "n": Column(en: "Trials with a value", zh: "有效试验次数", unit: .integer),
        "mean": Column(en: "Mean", zh: "均值", unit: .rowMetric),
        "sd": Column(en: "Standard deviation", zh: "标准差", unit: .rowMetric),
        "se": Column(en: "Standard error of the mean", zh: "均值标准误", unit: .rowMetric),
        "ci_low": Column(en: "95 % CI of the mean, low", zh: "均值95%置信区间下限", unit: .rowMetric),
        "ci_high": Column(en: "95 % CI of the mean, high", zh: "均值95%置信区间上限", unit: .rowMetric),
        "p05": Column(en: "5th percentile", zh: "第5百分位数", unit: .rowMetric),
        "p25": Column(en: "25th percentile", zh: "第25百分位数", unit: .rowMetric),
        "p50": Column(en: "Median", zh: "中位数", unit: .rowMetric),
        "p75": Column(en: "75th percentile", zh: "第75百分位数", unit: .rowMetric),
        "p95": Column(en: "95th percentile", zh: "第95百分位数", unit: .rowMetric),
        "min": Column(en: "Minimum", zh: "最小值", unit: .rowMetric),
        "max": Column(en: "Maximum", zh: "最大值", unit: .rowMetric),
        "year": Column(en: "Simulated year", zh: "模拟年份", unit: .integer),
        "trial": Column(en: "Trial", zh: "试验序号", unit: .integer),
        "point": Column(en: "Design point", zh: "设计点", unit: .integer),
        "month": Column(en: "Month", zh: "月份", unit: .integer),
        "policy": Column(en: "Policy", zh: "政策方案", unit: .text),
        "diff": Column(en: "Paired difference", zh: "配对差值", unit: .rowMetricDifference),
        "diff_ci_low": Column(en: "Difference 95 % CI, low", zh: "差值95%置信区间下限", unit: .rowMetricDifference),
        "diff_ci_high": Column(en: "Difference 95 % CI, high", zh: "差值95%置信区间上限", unit: .rowMetricDifference),
        "rel_diff": Column(en: "Relative difference", zh: "相对差值", unit: .fixed("share")),
        "p_better": Column(en: "Share of trials better", zh: "更优试验占比", unit: .fixed("share")),
        "interaction": Column(en: "Interaction", zh: "交互作用", unit: .rowMetricDifference),
        "lever": Column(en: "Lever step", zh: "政策杠杆", unit: .text),
        "step": Column(en: "What the step changes", zh: "调整内容", unit: .text),
        "base_mean": Column(en: "Base policy mean", zh: "基准均值", unit: .rowMetric),
        "note": Column(en: "Note", zh: "备注", unit: .text),
        "stage": Column(en: "Stage", zh: "阶段", unit: .text),
        "entered_mean": Column(en: "Entered, mean", zh: "进入（均值）", unit: .fixed("results")),
        "entered_p05": Column(en: "Entered, 5th percentile", zh: "进入（第5百分位）", unit: .fixed("results")),
        "entered_p95": Column(en: "Entered, 95th percentile", zh: "进入（第95百分位）", unit: .fixed("results")),
        "passed_mean": Column(en: "Passed, mean", zh: "通过（均值）", unit: .fixed("results")),
        "passed_p05": Column(en: "Passed, 5th percentile", zh: "通过（第5百分位）", unit: .fixed("results")),
        "passed_p95": Column(en: "Passed, 95th percentile", zh: "通过（第95百分位）", unit: .fixed("results")),
        "failed_technical_mean": Column(en: "Technical failures, mean", zh: "技术失败（均值）", unit: .fixed("results")),
        "abandoned_mean": Column(en: "Abandoned, mean", zh: "放弃（均值）", unit: .fixed("results")),
        "outflow_mean": Column(en: "Outflow, mean", zh: "外流（均值）", unit: .fixed("results")),
        "fund": Column(en: "Fund", zh: "基金", unit: .text),
        "lp_class": Column(en: "LP class", zh: "出资类别", unit: .text),
        "statistic": Column(en: "Statistic", zh: "统计量", unit: .text),
        "stat": Column(en: "Statistic", zh: "统计量", unit: .text),
        "contributions": Column(en: "Contributions (cumulative)", zh: "累计出资", unit: .fixed("万元")),
        "distributions": Column(en: "Distributions (cumulative)", zh: "累计分配", unit: .fixed("万元")),
        "nav": Column(en: "Net asset value", zh: "净值", unit: .fixed("万元")),
        "net_cumulative": Column(en: "Net cumulative (J-curve)", zh: "累计净现金流（J曲线）", unit: .fixed("万元")),
        "contribution": Column(en: "Contribution", zh: "出资", unit: .fixed("万元")),
        "distribution": Column(en: "Distribution", zh: "分配", unit: .fixed("万元")),
        "value": Column(en: "Value", zh: "数值", unit: .rowMetric),
        "method": Column(en: "Method", zh: "方法", unit: .text),
        "output": Column(en: "Output metric", zh: "输出指标", unit: .text),
        "parameter": Column(en: "Parameter", zh: "参数", unit: .text),
        "index": Column(en: "Index", zh: "指数", unit: .text),
        "estimate": Column(en: "Estimate", zh: "估计值", unit: .fixed("")),
    ]

    /// The column that names each row's metric in `file` (`metric`, or `output` in
    /// `sensitivity.csv`), if any.
    static func metricColumn(_ header: [String], file: String) -> Int? {
        if file == MetricDictionary.fileName { return nil }
        return header.firstIndex(of: "metric") ?? header.firstIndex(of: "output")
    }

    /// The tables whose columns after `point` (and `trial`) are parameter paths.
    static let designFiles = [SweepTable.fileName, SweepTable.trialsFileName, SensitivityTable.samplesFileName,
                              SensitivityTable.trialsFileName]

    /// The headers and unit source of column `name` in `file`: a known column, a metric
    /// (`trials.csv`, the sensitivity samples), a sweep column `metric.statistic`, a fund column,
    /// a parameter path of a design table, or else the name itself.
    static func column(_ name: String, file: String) -> Column {
        if file == SensitivityTable.fileName, ["estimate", "ci_low", "ci_high"].contains(name), let known = known[name] {
            // Indices, not means: "95 % CI, low", unitless or in the output's unit by index.
            return Column(en: known.en.replacingOccurrences(of: " of the mean", with: ""),
                          zh: known.zh.replacingOccurrences(of: "均值", with: ""), unit: .fixed(""))
        }
        if let known = known[name] { return known }
        if let entry = MetricDictionary.entry(name) {
            return Column(en: entry.labels.en, zh: entry.labels.zh, unit: .fixed(entry.unit))
        }
        if let dot = name.lastIndex(of: "."), let entry = MetricDictionary.entry(String(name[..<dot])),
            let statistic = known[String(name[name.index(after: dot)...])] {
            return Column(en: "\(entry.labels.en): \(statistic.en.lowercased())", zh: "\(entry.labels.zh)：\(statistic.zh)",
                          unit: .fixed(entry.unit))
        }
        if name.hasPrefix(DrawLayout.prefix) {
            // A value drawn per trial (`draw:PATH` or `draw:PATH@yearN`), in the parameter's unit.
            let drawn = String(name.dropFirst(DrawLayout.prefix.count))
            let path = String(drawn.prefix { $0 != "@" })
            let catalogue = ParameterCatalogue.standard
            let unit = catalogue.index(of: path).map { catalogue.specs[$0].unit } ?? ""
            return Column(en: "Drawn \(drawn)", zh: "抽样值 \(drawn)", unit: .fixed(unit))
        }
        if designFiles.contains(file) {
            return Column(en: "Parameter \(name)", zh: "参数 \(name)", unit: .fixed(""))
        }
        return Column(en: name, zh: name, unit: .fixed(""))
    }

    /// The unit of a metric as shown in a header or unit column: `%` for shares, Chinese beside
    /// the English for the others.
    static func shownUnit(_ unit: String, difference: Bool = false) -> String {
        switch unit {
        case "share": return difference ? "percentage points 百分点" : "% (share 比例)"
        case "万元": return "万元 (CNY 10,000)"
        case "万元 per result": return "万元 per result 万元/项"
        case "results": return "results 项"
        case "contracts": return "contracts 份"
        case "ventures": return "ventures 家"
        case "months": return "months 月"
        case "projects": return "projects 个"
        case "loans": return "loans 笔"
        case "deals": return "deals 笔"
        case "亩": return "亩 (mu)"
        case "ratio", "×": return "× (ratio 倍)"
        default: return unit
        }
    }

    /// The Excel number format of a value in `unit`.
    static func numberFormat(_ unit: String) -> String {
        switch unit {
        case "share": return "0.00%"
        case "万元": return "#,##0.0\"万元\""
        case "万元 per result": return "#,##0.0\"万元/项\""
        case "ratio", "×": return "0.00\"×\""
        case "0/1", "": return "#,##0.0000"
        case "integer": return "#,##0"
        default: return "#,##0.0"
        }
    }
}
