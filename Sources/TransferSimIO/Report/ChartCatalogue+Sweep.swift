// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

extension ChartCatalogue {
    /// A sweep's chart of `metric`'s mean: a line with its 95 % interval for one parameter, a heat
    /// map with each cell's interval for two parameters on a grid, otherwise one partial-dependence
    /// chart per parameter in its own unit, stacked in one SVG.
    func sweepChart(metric: String) throws(Unavailable) -> String {
        guard let table = folder.sweep else { throw missing(SweepTable.fileName) }
        guard table.column("\(metric).mean") != nil else {
            throw Unavailable(
                description: "error: \(SweepTable.fileName) in '\(folder.path)' has no column '\(metric).mean'")
        }
        let parameters = folder.sweepParameters
        let label = MetricLabel(metric, language: language)
        let f = label.factor
        let means = table.rows.map { table.number($0, "\(metric).mean") * f }
        let columns = parameters.map { p in table.rows.map { table.number($0, p) } }
        if parameters.count == 1 {
            let points = table.rows.indices.map { i in
                LineChart.Point(
                    x: columns[0][i], y: means[i], low: table.number(table.rows[i], "\(metric).ci_low") * f,
                    high: table.number(table.rows[i], "\(metric).ci_high") * f)
            }
            return LineChart(
                title: t("\(label.label) across the sweep", "\(label.label)随参数变化"), subtitle: subtitle,
                xTitle: parameterTitle(parameters[0]),
                yTitle: t("\(label.label), mean (\(label.unit))", "\(label.label)均值（\(label.unit)）"),
                series: [LineChart.Series(name: t("mean over trials", "试验均值"), points: points)],
                bandLabel: terms.interval95
            ).svg(terms)
        }
        if parameters.count == 2 {
            let xs = Array(Set(columns[0])).sorted()
            let ys = Array(Set(columns[1])).sorted()
            if xs.count * ys.count == table.rows.count, xs.count <= 12, ys.count <= 12 {
                var grid = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
                var halves = grid
                for i in table.rows.indices {
                    if let a = xs.firstIndex(of: columns[0][i]), let b = ys.firstIndex(of: columns[1][i]) {
                        grid[b][a] = means[i]
                        halves[b][a] = (table.number(table.rows[i], "\(metric).ci_high")
                            - table.number(table.rows[i], "\(metric).ci_low")) / 2 * f
                    }
                }
                return HeatMapChart(
                    title: t("\(label.label) across the sweep", "\(label.label)随参数变化"), subtitle: subtitle,
                    xTitle: parameterTitle(parameters[0]), yTitle: parameterTitle(parameters[1]),
                    valueTitle: t(
                        "\(label.label), mean ± 95 % interval (\(label.unit))", "\(label.label)均值 ± 95% 区间（\(label.unit)）"),
                    xValues: xs, yValues: ys, values: grid, halfWidths: halves
                ).svg(terms)
            }
        }
        return Self.stacked(
            parameters.indices.map { index in
                partialDependence(
                    parameter: parameters[index], values: columns[index], means: means, label: label
                ).svg(terms)
            })
    }

    /// Charts one above the other in one SVG document (each keeps its own 800 × 480 frame).
    static func stacked(_ documents: [String]) -> String {
        let height = ChartFrame.height * Double(max(1, documents.count))
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(ChartNumber.coordinate(ChartFrame.width))\" height=\"\(ChartNumber.coordinate(height))\" viewBox=\"0 0 \(ChartNumber.coordinate(ChartFrame.width)) \(ChartNumber.coordinate(height))\" role=\"img\">\n"
        for (index, document) in documents.enumerated() {
            out += "<g transform=\"translate(0 \(ChartNumber.coordinate(ChartFrame.height * Double(index))))\">\n"
            out += document
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// A swept parameter's axis title: its path and, from the parameter catalogue, its unit; in
    /// Chinese its label beside the path, with the unit in Chinese.
    func parameterTitle(_ path: String) -> String {
        let unit = ParameterCatalogue.standard.spec(for: path)?.unit ?? ""
        if language == .zh {
            let name = ParameterLabels.chinese(path).map { "\($0) \(path)" } ?? path
            return unit.isEmpty ? name : "\(name)（\(ParameterListing.chineseUnit(unit))）"
        }
        return unit.isEmpty ? path : "\(path) (\(unit))"
    }

    /// A parameter's name on a chart's category axis: its Chinese label without a closing
    /// parenthetical note under `--lang zh` (the tables beside the chart give the full label and the dotted
    /// path), else the path.
    func parameterName(_ path: String) -> String {
        guard language == .zh, let label = ParameterLabels.chinese(path) else { return path }
        guard label.hasSuffix("）"), let open = label.lastIndex(of: "（"), open > label.startIndex else { return label }
        return String(label[..<open])
    }

    /// Partial dependence of the metric on one parameter of a larger sweep, in the parameter's own
    /// unit: the points split into (up to) five groups of equal size by the parameter's value, and
    /// the mean of the metric in each group against the group's mean value, with the 95 % interval
    /// of the group's mean (t quantile over the group's points: it holds the other parameters'
    /// spread as well as the trials' noise).
    func partialDependence(parameter: String, values: [Double], means: [Double], label: MetricLabel) -> LineChart {
        let pairs = zip(values, means).filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
        let groups = max(1, min(5, pairs.count / 2))
        let points = (0..<groups).compactMap { g -> LineChart.Point? in
            let slice = pairs[(pairs.count * g / groups)..<(pairs.count * (g + 1) / groups)]
            guard !slice.isEmpty else { return nil }
            let x = slice.map(\.0).reduce(0, +) / Double(slice.count)
            let summary = Summary(slice.map(\.1))
            return LineChart.Point(
                x: x, y: summary.mean, low: summary.ciLow.isFinite ? summary.ciLow : nil,
                high: summary.ciHigh.isFinite ? summary.ciHigh : nil)
        }
        return LineChart(
            title: t("\(label.label): partial dependence on \(parameter)", "\(label.label)：对 \(parameter) 的偏依赖"),
            subtitle: subtitle,
            xTitle: parameterTitle(parameter),
            yTitle: t("\(label.label), mean (\(label.unit))", "\(label.label)均值（\(label.unit)）"),
            series: [LineChart.Series(name: t("mean over the points in each fifth", "各五分位组内参数点的均值"), points: points)],
            bandLabel: t("95 % interval of the group's mean", "组均值的 95% 区间"))
    }
}
