// SPDX-License-Identifier: GPL-3.0-or-later
import CXlsxWriter
import TransferSimCore

/// The `charts 图表` sheet: native Excel charts, each beside the small table of the numbers it
/// draws (copied from the folder's tables), so the chart stays editable in Excel:
///
/// - `timeseries.csv`: local conversions, outflow, fiscal spending and contract value by year
///   (p05, median, mean, p95);
/// - `funnel.csv`: results entering and passing each stage;
/// - `compare.csv`: each variant's paired difference from the baseline with its 95 % interval,
///   for the headline metrics;
/// - `compare_timeseries.csv`: for each variant (the first four), its Δ fiscal cost and Δ local
///   conversions to date by year with their 95 % intervals (the cost curve as two charts by year);
/// - `levers.csv`: each lever step's Δ local conversions and Δ fiscal cost with 95 % intervals;
/// - `sweep.csv`: local conversions at each design point with the 95 % interval of the mean;
/// - `sensitivity.csv`: each output's first index per parameter with its 95 % interval.
final class WorkbookCharts {
    /// One chart and its data.
    struct Plot {
        enum Kind { case interval, lines, columns }
        let kind: Kind
        let title: String
        let axis: String
        /// The value axis's number format ("" for General).
        let numberFormat: String
        let categoryTitle: String
        let categories: [String]
        /// Named series of values, one per category (NaN = no value).
        let series: [(name: String, values: [Double])]
    }

    let book: XLSXBook
    let builder: ResultsWorkbook.Builder
    private(set) var plots: [Plot] = []

    init(book: XLSXBook, builder: ResultsWorkbook.Builder) {
        self.book = book
        self.builder = builder
    }

    /// Chooses the charts the tables allow; whether there is any.
    func plan(_ tables: [(file: String, header: [String], rows: [[String]])]) -> Bool {
        for table in tables {
            let t = ResultsFolder.Table(header: table.header, rows: table.rows.filter { $0.count == table.header.count })
            switch table.file {
            case TimeSeriesTable.fileName: planTimeSeries(t)
            case FunnelTable.fileName: planFunnel(t)
            case CompareTable.fileName: planCompare(t)
            case CompareTimeSeriesTable.fileName: planCompareTimeSeries(t)
            case LeversTable.fileName: planLevers(t)
            case SweepTable.fileName: planSweep(t)
            case SensitivityTable.fileName: planSensitivity(t)
            default: break
            }
        }
        return !plots.isEmpty
    }

    static func axis(_ labels: MetricLabels, unit: String, difference: Bool = false) -> String {
        "\(labels.zh) \(labels.en) (\(WorkbookColumns.shownUnit(unit, difference: difference)))"
    }

    static func format(_ unit: String) -> String {
        switch unit {
        case "share": return "0.00%"
        case "ratio", "×": return "0.00"
        default: return "#,##0"
        }
    }

    func planTimeSeries(_ table: ResultsFolder.Table) {
        for yearly in [YearlyMetric.convertedLocal, .convertedElsewhere, .fiscalCost, .contractValue] {
            let rows = table.rows.filter { table.text($0, "metric") == yearly.name }
            guard !rows.isEmpty else { continue }
            plots.append(Plot(
                kind: .lines, title: "\(yearly.labels.zh) · \(yearly.labels.en)",
                axis: Self.axis(yearly.labels, unit: yearly.unit), numberFormat: Self.format(yearly.unit),
                categoryTitle: "年份 Year", categories: rows.map { table.text($0, "year") },
                series: [("p05", rows.map { table.number($0, "p05") }), ("中位数 median", rows.map { table.number($0, "p50") }),
                         ("均值 mean", rows.map { table.number($0, "mean") }), ("p95", rows.map { table.number($0, "p95") })]))
        }
    }

    func planFunnel(_ table: ResultsFolder.Table) {
        guard !table.rows.isEmpty else { return }
        plots.append(Plot(
            kind: .columns, title: "转化漏斗 · Pipeline funnel (mean over trials)",
            axis: "成果 Results (项)", numberFormat: "#,##0", categoryTitle: "阶段 Stage",
            categories: table.rows.map { table.text($0, "stage") },
            series: [("进入 entered", table.rows.map { table.number($0, "entered_mean") }),
                     ("通过 passed", table.rows.map { table.number($0, "passed_mean") })]))
    }

    /// The headline metrics of the compare chart.
    static let headline: [Metric] = [
        .convertedLocal, .localConversionShare, .outflowShare, .fiscalCostTotal, .fiscalCostPerLocalConversion,
    ]

    func planCompare(_ table: ResultsFolder.Table) {
        for metric in Self.headline {
            let rows = table.rows.filter { table.text($0, "metric") == metric.name && table.text($0, "policy") != "baseline" }
            guard !rows.isEmpty else { continue }
            plots.append(interval(
                title: "\(metric.labels.zh)：相对基准的配对差值 · \(metric.labels.en): paired difference from the baseline (95 % CI)",
                axis: Self.axis(metric.labels, unit: metric.info.unit, difference: true), unit: metric.info.unit,
                categoryTitle: "政策 Policy", table: table, rows: rows, label: "policy",
                columns: ("diff_ci_low", "diff", "diff_ci_high")))
        }
    }

    /// For each variant (at most four), Δ fiscal cost and Δ local conversions to the end of each
    /// year against the baseline, with their paired 95 % intervals.
    func planCompareTimeSeries(_ table: ResultsFolder.Table) {
        var variants: [String] = []
        for row in table.rows where table.text(row, "policy") != "baseline" && !variants.contains(table.text(row, "policy")) {
            variants.append(table.text(row, "policy"))
        }
        for variant in variants.prefix(4) {
            for yearly in [YearlyMetric.cumulativeFiscalCost, .cumulativeConvertedLocal] {
                let rows = table.rows.filter { table.text($0, "policy") == variant && table.text($0, "metric") == yearly.name }
                guard !rows.isEmpty else { continue }
                plots.append(interval(
                    title: "\(variant)：\(yearly.labels.zh)相对基准的配对差值 · \(yearly.labels.en): paired difference from the baseline by year (95 % CI)",
                    axis: Self.axis(yearly.labels, unit: yearly.unit, difference: true), unit: yearly.unit,
                    categoryTitle: "年份 Year", table: table, rows: rows, label: "year",
                    columns: ("diff_ci_low", "diff", "diff_ci_high")))
            }
        }
    }

    func planLevers(_ table: ResultsFolder.Table) {
        for metric in [Metric.convertedLocal, .fiscalCostTotal] {
            let rows = table.rows.filter { table.text($0, "metric") == metric.name }
            guard !rows.isEmpty else { continue }
            plots.append(interval(
                title: "各政策杠杆的\(metric.labels.zh)变化 · Δ \(metric.labels.en) per lever step (95 % CI)",
                axis: Self.axis(metric.labels, unit: metric.info.unit, difference: true), unit: metric.info.unit,
                categoryTitle: "政策杠杆 Lever step", table: table, rows: rows, label: "lever",
                columns: ("diff_ci_low", "diff", "diff_ci_high")))
        }
    }

    func planSweep(_ table: ResultsFolder.Table) {
        let metric = Metric.convertedLocal
        guard !table.rows.isEmpty, table.column("\(metric.name).mean") != nil else { return }
        plots.append(interval(
            title: "各设计点的\(metric.labels.zh) · \(metric.labels.en) at each design point (mean, 95 % CI)",
            axis: Self.axis(metric.labels, unit: metric.info.unit), unit: metric.info.unit,
            categoryTitle: "设计点 Design point", table: table, rows: table.rows, label: "point",
            columns: ("\(metric.name).ci_low", "\(metric.name).mean", "\(metric.name).ci_high")))
    }

    func planSensitivity(_ table: ResultsFolder.Table) {
        var seen: [String] = []
        for row in table.rows {
            let key = "\(table.text(row, "method"))|\(table.text(row, "output"))|\(table.text(row, "index"))"
            let output = table.text(row, "output")
            guard !seen.contains(where: { $0.hasPrefix("\(table.text(row, "method"))|\(output)|") }) else { continue }
            seen.append(key)
            let rows = table.rows.filter {
                "\(table.text($0, "method"))|\(table.text($0, "output"))|\(table.text($0, "index"))" == key
            }
            let entry = MetricDictionary.entry(output)
            let labels = entry?.labels ?? MetricLabels(en: output, zh: output)
            // Sobol indices are unitless; Morris's μ*, μ, σ and the tornado's deltas are in the output's unit.
            let index = table.text(row, "index")
            let unit = ["S1", "ST", "S2"].contains(index) ? "" : entry?.unit ?? ""
            plots.append(interval(
                title: "\(labels.zh)的敏感性 · Sensitivity of \(labels.en): \(table.text(row, "method")) \(index) (95 % CI)",
                axis: unit.isEmpty ? index : "\(index) (\(WorkbookColumns.shownUnit(unit, difference: true)))", unit: unit,
                categoryTitle: "参数 Parameter", table: table, rows: rows,
                label: "parameter", columns: ("ci_low", "estimate", "ci_high")))
            if plots.count > 12 { return }
        }
    }

    func interval(title: String, axis: String, unit: String, categoryTitle: String, table: ResultsFolder.Table,
                  rows: [[String]], label: String, columns: (low: String, mid: String, high: String)) -> Plot {
        Plot(kind: .interval, title: title, axis: axis, numberFormat: unit.isEmpty ? "" : Self.format(unit),
             categoryTitle: categoryTitle, categories: rows.map { table.text($0, label) },
             series: [("95 % 下限 low", rows.map { table.number($0, columns.low) }),
                      ("估计 estimate", rows.map { table.number($0, columns.mid) }),
                      ("95 % 上限 high", rows.map { table.number($0, columns.high) })])
    }

    /// Writes each plot's data block (columns A–E) and its chart beside it (from column G).
    func draw(into sheet: XLSXSheet) {
        sheet.write(0, 0, "图表 Charts — 每个图表左侧是其数据 · each chart's numbers are on its left", builder.title)
        var row = 2
        let chartRows = 20
        var pageBreaks: [Int] = []
        for (p, plot) in plots.enumerated() {
            // Two charts to a printed page.
            if p > 0 && p % 2 == 0 { pageBreaks.append(row) }
            sheet.write(row, 0, plot.title, builder.bold)
            let headerRow = row + 1
            sheet.write(headerRow, 0, plot.categoryTitle, builder.headerZh)
            for (k, series) in plot.series.enumerated() { sheet.write(headerRow, 1 + k, series.name, builder.headerZh) }
            let numberFormat = book.format(number: plot.numberFormat.isEmpty ? "0.000" : plot.numberFormat)
            for (i, category) in plot.categories.enumerated() {
                sheet.write(headerRow + 1 + i, 0, category)
                for (k, series) in plot.series.enumerated() where series.values[i].isFinite {
                    sheet.write(headerRow + 1 + i, 1 + k, series.values[i], numberFormat)
                }
            }
            let first = headerRow + 1, last = headerRow + plot.categories.count
            if let chart = makeChart(plot, sheet: sheet.name, first: first, last: last, headerRow: headerRow) {
                sheet.insert(chart, row: row, column: 6)
            }
            row += max(plot.categories.count + 3, chartRows) + 1
        }
        sheet.setColumn(0, width: 26)
        for k in 1...4 { sheet.setColumn(k, width: 14) }
        sheet.setPrintLayout(repeatRows: 0)
        sheet.setPageBreaks(before: pageBreaks)
    }

    private func makeChart(_ plot: Plot, sheet: String, first: Int, last: Int, headerRow: Int)
        -> UnsafeMutablePointer<lxw_chart>? {
        let type: lxw_chart_type
        switch plot.kind {
        case .interval, .lines: type = LXW_CHART_LINE
        case .columns: type = LXW_CHART_COLUMN
        }
        guard let chart = book.addChart(type) else { return nil }
        for (k, _) in plot.series.enumerated() {
            guard let series = chart_add_series(chart, nil, nil) else { continue }
            chart_series_set_categories(series, sheet, lxw_row_t(first), 0, lxw_row_t(last), 0)
            chart_series_set_values(series, sheet, lxw_row_t(first), lxw_col_t(1 + k), lxw_row_t(last), lxw_col_t(1 + k))
            chart_series_set_name_range(series, sheet, lxw_row_t(headerRow), lxw_col_t(1 + k))
            if plot.kind == .interval {
                var none = lxw_chart_line()
                none.none = 1
                chart_series_set_line(series, &none)
                chart_series_set_marker_type(series, UInt8(k == 1 ? LXW_CHART_MARKER_DIAMOND.rawValue : LXW_CHART_MARKER_CIRCLE.rawValue))
                chart_series_set_marker_size(series, k == 1 ? 9 : 4)
                var colour = lxw_chart_fill()
                colour.color = k == 1 ? 0xD55E00 : 0x0072B2
                chart_series_set_marker_fill(series, &colour)
                var edge = lxw_chart_line()
                edge.color = colour.color
                chart_series_set_marker_line(series, &edge)
            } else if plot.kind == .lines, k == 0 || k == 3 {
                var dashed = lxw_chart_line()
                dashed.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
                chart_series_set_line(series, &dashed)
            }
        }
        if plot.kind == .interval {
            // The interval: Excel draws high-low lines from the low to the high series at each
            // category; the low and high markers show it where a reader ignores them.
            var interval = lxw_chart_line()
            interval.color = 0x0072B2
            interval.width = 2
            chart_set_high_low_lines(chart, &interval)
        }
        chart_title_set_name(chart, plot.title)
        var small = lxw_chart_font()
        small.size = 10
        chart_title_set_name_font(chart, &small)
        chart_axis_set_name(chart.pointee.x_axis, plot.categoryTitle)
        chart_axis_set_name(chart.pointee.y_axis, plot.axis)
        if !plot.numberFormat.isEmpty { chart_axis_set_num_format(chart.pointee.y_axis, plot.numberFormat) }
        if plot.kind == .interval {
            chart_axis_set_label_position(chart.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
        }
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        return chart
    }
}
