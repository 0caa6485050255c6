// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

extension ChartCatalogue {
    /// A sweep's chart of `metric`'s mean: a line with its 95 % interval for one parameter, a heat
    /// map for two parameters on a grid, partial-dependence lines otherwise.
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
                for i in table.rows.indices {
                    if let a = xs.firstIndex(of: columns[0][i]), let b = ys.firstIndex(of: columns[1][i]) {
                        grid[b][a] = means[i]
                    }
                }
                return HeatMapChart(
                    title: t("\(label.label) across the sweep", "\(label.label)随参数变化"), subtitle: subtitle,
                    xTitle: parameterTitle(parameters[0]), yTitle: parameterTitle(parameters[1]),
                    valueTitle: t("\(label.label), mean (\(label.unit))", "\(label.label)均值（\(label.unit)）"),
                    xValues: xs, yValues: ys, values: grid
                ).svg(terms)
            }
        }
        return partialDependence(parameters: parameters, columns: columns, means: means, label: label).svg(terms)
    }

    /// A swept parameter's axis title: its path and, from the parameter catalogue, its unit.
    func parameterTitle(_ path: String) -> String {
        guard let unit = ParameterCatalogue.standard.spec(for: path)?.unit, !unit.isEmpty else { return path }
        return "\(path) (\(unit))"
    }

    /// Partial dependence: for each parameter, the points split into (up to) five groups of
    /// equal size by the parameter's value, and the mean of the metric in each group against the
    /// group's mean value, scaled to the parameter's range in the sweep (0 lowest, 1 highest).
    func partialDependence(parameters: [String], columns: [[Double]], means: [Double], label: MetricLabel) -> LineChart
    {
        let series = parameters.enumerated().map { index, parameter in
            let pairs = zip(columns[index], means).filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
            let low = pairs.first?.0 ?? 0
            let high = pairs.last?.0 ?? 1
            let groups = max(1, min(5, pairs.count / 2))
            let points = (0..<groups).compactMap { g -> LineChart.Point? in
                let slice = pairs[(pairs.count * g / groups)..<(pairs.count * (g + 1) / groups)]
                guard !slice.isEmpty else { return nil }
                let x = slice.map(\.0).reduce(0, +) / Double(slice.count)
                let y = slice.map(\.1).reduce(0, +) / Double(slice.count)
                return LineChart.Point(x: high > low ? (x - low) / (high - low) : 0.5, y: y)
            }
            return LineChart.Series(name: parameter, points: points)
        }
        return LineChart(
            title: t("\(label.label): partial dependence on each parameter", "\(label.label)：对各参数的偏依赖"),
            subtitle: subtitle,
            xTitle: t(
                "parameter value, scaled to its range in the sweep (0 = lowest, 1 = highest)",
                "参数取值，按扫描范围缩放（0 = 最低，1 = 最高）"),
            yTitle: t("\(label.label), mean (\(label.unit))", "\(label.label)均值（\(label.unit)）"), series: series)
    }
}
