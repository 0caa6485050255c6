// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `levers.csv`: each lever's policy step against the base policy on the same trials (common
/// random numbers), in ranked order (see `LeverExperiment.ranked`).
///
/// Columns: `lever` (the step's name), `step` (what it changes), `metric`, `base_mean` (the base
/// policy's mean), `diff` (mean over trials of step − base on the same trial), `diff_ci_low`,
/// `diff_ci_high` (95 % t interval of the paired differences), `note`. Per lever, one row for each
/// of `converted_local`, `converted_elsewhere`, `fiscal_cost_total` (万元),
/// `months_to_conversion_median` (months), then a `cost_per_extra_local_conversion` row: `diff` is
/// Δ fiscal cost / Δ local conversions in 万元 per extra local conversion, and the interval is
/// Fieller's 95 % interval on the paired per-trial differences (`FiellerRatio`); `base_mean` is
/// empty. When the interval of Δ local conversions includes 0 the ratio is not defined: `diff`
/// and its interval are empty and `note` says `not defined: Δ converted_local interval includes 0`.
/// A negative ratio with Δ local conversions > 0 means the step adds conversions and saves money.
/// Then one row per channel metric the step's expectation names (`channel: METRIC up|down`, the
/// outcome through which the lever acts, MODEL.md §4.1), its `note` `channel: expected up|down`.
public enum LeversTable {
    /// The file name in a `levers` results folder.
    public static let fileName = "levers.csv"

    /// The metric name of the ratio rows.
    public static let costMetric = "cost_per_extra_local_conversion"

    /// The note on a ratio row whose ratio is not defined.
    public static let notDefined = "not defined: Δ converted_local interval includes 0"

    /// The column names.
    public static let header = ["lever", "step", "metric", "base_mean", "diff", "diff_ci_low", "diff_ci_high", "note"]

    /// The whole table as CSV text, rows in the order of `outcomes` (pass them ranked).
    public static func csv(_ outcomes: [LeverOutcome]) -> String {
        var table = CSVWriter(header: header)
        for outcome in outcomes {
            for (metric, p) in zip(LeverExperiment.metrics, outcome.comparisons) {
                table.append([.text(outcome.step.name), .text(outcome.step.step), .text(metric.name),
                              .number(p.baselineMean), .number(p.diff), .number(p.diffLow), .number(p.diffHigh), .empty])
            }
            let c = outcome.cost
            table.append([.text(outcome.step.name), .text(outcome.step.step), .text(costMetric), .empty,
                          .number(c.ratio), .number(c.low), .number(c.high),
                          c.isDefined ? .empty : .text(notDefined)])
            for (metric, direction, p) in outcome.channels {
                table.append([.text(outcome.step.name), .text(outcome.step.step), .text(metric.name),
                              .number(p.baselineMean), .number(p.diff), .number(p.diffLow), .number(p.diffHigh),
                              .text("channel: expected \(direction)")])
            }
        }
        return table.text
    }

    /// Chinese names of the built-in steps (`LeverCatalogue.defaults`), shown beside the English
    /// names in the ranked table; a scenario's own steps show their name only.
    public static let chineseLabels: [String: String] = [
        "inventor_share_70": "发明人收益70%", "empowerment_full": "赋予所有权", "approval_reforms": "审批改革",
        "time_limits": "转化时限", "brokers_x3": "技术经纪人×3", "roadshows_12": "路演12场",
        "registration_80": "成果登记80%", "poc_removed": "取消概念验证", "poc_doubled": "概念验证加倍",
        "pilot_removed": "取消中试", "pilot_doubled": "中试加倍", "local_subsidy_hefei": "本地转化补助",
        "first_use_then_pay": "先使用后付费", "rewards_local_20": "本地转化奖励", "office_retention_10": "转化机构留成10%",
        "seed_fund_off": "取消种子基金", "seed_fund_x3": "种子基金×3", "concessions": "回购与首亏让利",
        "risk_compensation_80": "风险补偿80%", "tech_loans_off": "取消科技贷款", "invest_first": "先投后股",
        "land_400": "工业用地400亩", "pilot_subsidy_70": "中试补贴70%",
        "buyback_only": "回购让利", "first_loss_40": "首亏补偿40%", "return_cap_3": "政府收益封顶3%",
        "excess_share_50": "超额收益让渡50%", "pipeline_reserve_off": "取消成果转化项目预留", "interest_subsidy_off": "取消贷款贴息",
    ]

    /// The ranked table for a terminal (and the report), English with Chinese beside it: rank,
    /// lever, Δ local conversions, Δ outflow, Δ fiscal cost (万元), 万元 per extra local conversion
    /// with Fieller's interval, and extra local conversions per 亿元.
    public static func text(_ ranked: [LeverOutcome]) -> String {
        var table = TextTable([.right, .left, .right, .left, .right, .right, .left, .right])
        table.append(["#", "lever 政策杠杆", "Δ local 本地转化", "95 % CI", "Δ outflow 外流", "Δ fiscal cost 财政支出 (万元)",
                      "万元 per extra local conversion 每增一项本地转化成本 [Fieller 95 %]", "per 亿元 每亿元转化"])
        for (rank, o) in ranked.enumerated() {
            let local = o.comparisons[0], outflow = o.comparisons[1], cost = o.comparisons[2]
            let ratio: String
            if o.cost.isDefined {
                ratio = "\(ReadableNumber.format(o.cost.ratio)) [\(ReadableNumber.format(o.cost.low)), \(ReadableNumber.format(o.cost.high))]"
            } else {
                ratio = "not defined 无定义 (Δ local ≈ 0)"
            }
            let perYi: String
            switch o.rankClass {
            case 0: perYi = o.costDiff < 0 ? "saves money 省钱" : "no extra cost 不增支出"
            case 1: perYi = o.conversionsPerYi.map { ReadableNumber.format($0) } ?? ""
            case 2: perYi = "fewer 减少"
            default: perYi = ""
            }
            table.append([
                "\(rank + 1)", chineseLabels[o.step.name].map { "\(o.step.name) \($0)" } ?? o.step.name,
                ReadableNumber.format(local.diff),
                "[\(ReadableNumber.format(local.diffLow)), \(ReadableNumber.format(local.diffHigh))]",
                ReadableNumber.format(outflow.diff), ReadableNumber.format(cost.diff), ratio, perYi,
            ])
        }
        return table.text
    }
}
