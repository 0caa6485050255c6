// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `metrics.csv`, the data dictionary in every results folder: each metric a table of the folder
/// can name, with its unit, English and Chinese labels, meaning and the direction in which it
/// counts as better, so that a CSV user has the labels without the binary.
///
/// Columns: `metric,unit,label_en,label_zh,description,better`. Rows: every engine metric
/// (`Metric`, the names of `summary.csv`, `trials.csv`, `compare.csv` and the sweep's columns), the
/// yearly flows of `timeseries.csv` whose names are not engine metrics (`contract_value`,
/// `fiscal_cost`), the `cost_per_extra_local_conversion` rows of `compare.csv`, `levers.csv` and
/// `compare_timeseries.csv`,
/// then the folder's fund columns `fund.<id>.<lp class>.<metric>`. `unit` is the catalogue's:
/// `share` is a fraction (0.05 = 5 %), money is in 万元. `better` is `higher`, `lower` or `none`
/// (neither good nor bad in itself, such as results disclosed).
public enum MetricDictionary {
    /// The file name in every results folder.
    public static let fileName = "metrics.csv"

    /// The column names.
    public static let header = ["metric", "unit", "label_en", "label_zh", "description", "better"]

    /// One metric's entry.
    public struct Entry: Sendable, Equatable {
        public let metric: String
        public let unit: String
        public let labels: MetricLabels
        public let description: String
        public let better: BetterDirection
    }

    /// The entries: the engine's metrics, the yearly-only flows, the cost ratio, then `fundColumns`.
    public static func entries(fundColumns: [String] = []) -> [Entry] {
        var entries = Metric.allCases.map {
            Entry(metric: $0.name, unit: $0.info.unit, labels: $0.labels, description: $0.info.meaning,
                  better: $0.betterDirection)
        }
        let known = Set(entries.map(\.metric))
        for yearly in YearlyMetric.allCases where !known.contains(yearly.name) {
            entries.append(Entry(metric: yearly.name, unit: yearly.unit, labels: yearly.labels,
                                 description: "Yearly flow in timeseries.csv: \(yearly.labels.en.lowercased()).",
                                 better: .none))
        }
        entries.append(Entry(
            metric: LeversTable.costMetric, unit: "万元 per result",
            labels: MetricLabels(en: "Cost per extra local conversion", zh: "每增一项本地转化成本"),
            description: "Δ fiscal_cost_total / Δ converted_local of a variant or lever step against its base on the same trials, with Fieller's 95 % interval (compare.csv, levers.csv; to the end of each year in compare_timeseries.csv).",
            better: .lower))
        for column in fundColumns {
            if let entry = fundEntry(column) { entries.append(entry) }
        }
        return entries
    }

    /// The entry of a fund column `fund.<id>.<lp class>.<metric>` (nil when the name is not one).
    public static func fundEntry(_ column: String) -> Entry? {
        let parts = column.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[0] == "fund",
            let lpClass = LPClass.allCases.first(where: { $0.name == parts[parts.count - 2] }),
            let metric = FundMetric.allCases.first(where: { $0.name == parts[parts.count - 1] })
        else { return nil }
        let fund = parts[1..<(parts.count - 2)].joined(separator: ".")
        let better: BetterDirection
        switch metric {
        case .tvpi, .dpi, .rvpi, .irr, .distributions, .nav, .grossMoic, .pipelineMoic, .outsideMoic,
             .privatePerFiscalYuan:
            better = lpClass == .government ? .higher : .none
        case .netCost, .lossRatio, .firstLossPaid:
            better = lpClass == .government ? .lower : .none
        default:
            better = .none
        }
        return Entry(
            metric: column, unit: metric.unit,
            labels: MetricLabels(en: "Fund \(fund), \(lpClass.labels.en): \(metric.labels.en)",
                                 zh: "基金 \(fund)·\(lpClass.labels.zh)：\(metric.labels.zh)"),
            description: metric.meaning, better: better)
    }

    /// The entry of `metric` (an engine metric, a yearly flow, the cost ratio or a fund column).
    public static func entry(_ metric: String) -> Entry? {
        if metric.hasPrefix("fund.") { return fundEntry(metric) }
        return standard[metric]
    }

    private static let standard: [String: Entry] = {
        var table: [String: Entry] = [:]
        for entry in entries() { table[entry.metric] = entry }
        return table
    }()

    /// The table as CSV text.
    public static func csv(fundColumns: [String] = []) -> String {
        var table = CSVWriter(header: header)
        for entry in entries(fundColumns: fundColumns) {
            table.append([.text(entry.metric), .text(entry.unit), .text(entry.labels.en), .text(entry.labels.zh),
                          .text(entry.description), .text(entry.better.rawValue)])
        }
        return table.text
    }
}

extension OutputFolder {
    /// Stages `metrics.csv` (`MetricDictionary`) with the folder's fund columns.
    public mutating func addMetricDictionary(fundColumns: [String] = []) {
        add(file: MetricDictionary.fileName, contents: MetricDictionary.csv(fundColumns: fundColumns))
    }
}
