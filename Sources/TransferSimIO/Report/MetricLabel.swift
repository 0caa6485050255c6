// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// How a metric is named and scaled on a chart: a readable label in the report's language and
/// the unit shown on its axis. Shares are shown as percentages (values × 100, unit `%`).
public struct MetricLabel: Sendable {
    /// The label, e.g. "Local conversions" or "本地转化".
    public let label: String
    /// The unit as shown, e.g. "results", "万元", "%".
    public let unit: String
    /// The factor from the CSV's values to the shown ones (100 for shares).
    public let factor: Double

    /// `label (unit)`, the form every axis title takes.
    public var axisTitle: String { unit.isEmpty ? label : "\(label) (\(unit))" }

    /// The unit of a difference of this metric: percentage points for shares.
    public func differenceUnit(_ language: ReportLanguage) -> String {
        guard factor == 100 else { return unit }
        return language == .zh ? "百分点" : "percentage points"
    }

    private static let english: [String: String] = [
        "disclosed": "Results disclosed", "converted_local": "Local conversions",
        "converted_elsewhere": "Conversions elsewhere (outflow)", "failed_technical": "Technical failures",
        "abandoned": "Results abandoned", "in_progress": "Still in progress",
        "local_conversion_share": "Local conversion share",
        "outflow_share": "Outflow share", "conversion_share": "Conversion share",
        "months_to_conversion_median": "Median months to conversion", "contracts": "Contracts signed",
        "contract_value_total": "Contract value", "fiscal_cost_total": "Fiscal spending (net)",
        "fiscal_cost_per_local_conversion": "Fiscal cost per local conversion", "ventures_created": "Ventures created",
        "land_relocations": "Relocations for lack of land", "contract_value": "Contract value",
        "fiscal_cost": "Fiscal spending",
        "inventor_income": "Inventor income", "institution_income": "Institution income",
        "land_allocated_mu": "Land allocated",
        "cumulative_fiscal_cost": "Cumulative fiscal spending", "cumulative_converted_local": "Cumulative local conversions",
        "tvpi": "TVPI", "irr": "IRR", "dpi": "DPI",
    ]

    private static let chinese: [String: String] = {
        var table: [String: String] = [:]
        for (metric, label) in RunReport.keyMetrics { table[metric.name] = label }
        table["conversion_share"] = "转化率"
        table["contract_value"] = "合同金额"
        table["fiscal_cost"] = "财政支出"
        table["inventor_income"] = "发明人收入"
        table["institution_income"] = "单位收入"
        table["land_allocated_mu"] = "供地"
        table["cumulative_fiscal_cost"] = "累计财政支出"
        table["cumulative_converted_local"] = "累计本地转化"
        table["tvpi"] = "总价值倍数 TVPI"
        table["irr"] = "内部收益率 IRR"
        table["dpi"] = "已分配倍数 DPI"
        return table
    }()

    private static let chineseUnits: [String: String] = [
        "results": "项", "contracts": "份", "ventures": "家", "months": "月", "projects": "个", "loans": "笔",
        "deals": "笔", "万元 per result": "万元/项", "ratio": "倍",
    ]

    /// The label of the metric (or yearly metric, or fund metric) `name` in `language`; the unit
    /// comes from the metric catalogue (`unit` overrides it for names not in the catalogue).
    public init(_ name: String, language: ReportLanguage, unit overrideUnit: String? = nil) {
        let catalogueUnit = Metric(name: name)?.info.unit
        let rawUnit = overrideUnit ?? catalogueUnit ?? Self.yearlyUnit(name)
        let fallback = name.replacingOccurrences(of: "_", with: " ")
        // The chart names first, then the catalogue's labels (Metric.labels, as in metrics.csv and the
        // workbook), and only for a name outside both its words.
        let catalogue = Metric(name: name)?.labels
        switch language {
        case .en: label = Self.english[name] ?? catalogue?.en ?? (fallback.prefix(1).uppercased() + fallback.dropFirst())
        case .zh: label = Self.chinese[name] ?? catalogue?.zh ?? fallback
        }
        if rawUnit == "share" {
            unit = "%"
            factor = 100
        } else {
            unit = language == .zh ? (Self.chineseUnits[rawUnit] ?? rawUnit) : rawUnit
            factor = 1
        }
    }

    /// Units of the yearly flows in `timeseries.csv`.
    private static func yearlyUnit(_ name: String) -> String {
        switch name {
        case "converted_local", "converted_elsewhere", "cumulative_converted_local": return "results"
        case "contracts": return "contracts"
        case "ventures_created": return "ventures"
        case "land_allocated_mu": return "亩"
        case "tvpi", "dpi": return "ratio"
        case "irr": return "share"
        default: return "万元"
        }
    }
}
