// SPDX-License-Identifier: GPL-3.0-or-later

/// The language of chart and report labels.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, zh
}

/// The fixed words charts use in legends and axes, in one language.
public struct ChartTerms: Sendable {
    public let median: String
    public let band50: String
    public let band90: String
    public let mean: String
    public let passed: String
    public let failedTechnical: String
    public let abandoned: String
    public let outflow: String
    public let stillInStage: String
    public let trials: String
    /// The count axis of a histogram, with its unit.
    public let trialCount: String
    public let percentiles: String
    public let bands90: String
    public let interval95: String
    public let lowSetting: String
    public let highSetting: String
    public let firstOrder: String
    public let total: String

    /// The terms in `language`.
    public static func of(_ language: ReportLanguage) -> ChartTerms {
        switch language {
        case .en:
            return ChartTerms(
                median: "median", band50: "50 % of trials", band90: "90 % of trials", mean: "mean",
                passed: "passed", failedTechnical: "failed (technical)", abandoned: "abandoned",
                outflow: "outflow (elsewhere)", stillInStage: "still in stage", trials: "trials",
                trialCount: "number of trials (count)", percentiles: "5th / 95th percentile",
                bands90: "bands: 90 % of trials",
                interval95: "95 % interval", lowSetting: "parameter at low end", highSetting: "parameter at high end",
                firstOrder: "first-order S1", total: "total ST")
        case .zh:
            return ChartTerms(
                median: "中位数", band50: "50% 试验区间", band90: "90% 试验区间", mean: "均值",
                passed: "通过", failedTechnical: "技术失败", abandoned: "放弃", outflow: "外流（异地转化）",
                stillInStage: "仍在本阶段", trials: "试验",
                trialCount: "试验次数（次）", percentiles: "第 5 / 95 百分位", bands90: "色带：90% 试验区间", interval95: "95% 区间",
                lowSetting: "参数取低值", highSetting: "参数取高值", firstOrder: "一阶指数 S1", total: "总效应指数 ST")
        }
    }
}
