// SPDX-License-Identifier: GPL-3.0-or-later

/// A heat map of a two-parameter grid sweep: one cell per pair of values, coloured on a
/// sequential colour-blind-safe ramp (viridis) and labelled with its value and the half-width of
/// its 95 % interval (`±h`), with a colour bar.
public struct HeatMapChart: Sendable {
    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    /// The colour bar's title with the value's unit.
    public var valueTitle: String
    /// The distinct values of the x and y parameters, ascending.
    public var xValues: [Double]
    public var yValues: [Double]
    /// `values[j][i]` at `yValues[j]`, `xValues[i]` (NaN: no point there).
    public var values: [[Double]]
    /// The half-width of each value's 95 % interval, laid out as `values` (written as `±h` under
    /// the value when the cells are tall enough); `nil` when unknown.
    public var halfWidths: [[Double]]?

    public init(
        title: String, subtitle: String? = nil, xTitle: String, yTitle: String, valueTitle: String,
        xValues: [Double], yValues: [Double], values: [[Double]], halfWidths: [[Double]]? = nil
    ) {
        self.halfWidths = halfWidths
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.valueTitle = valueTitle
        self.xValues = xValues
        self.yValues = yValues
        self.values = values
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        let yLabels = yValues.map(ChartNumber.label)
        var frame = ChartFrame(
            title: title, subtitle: subtitle, leftMargin: max(90, ChartFrame.margin(for: yLabels) + 24),
            hasLegend: false)
        let defined = values.flatMap { $0 }.filter(\.isFinite)
        let scale = NiceScale(minimum: defined.min() ?? 0, maximum: defined.max() ?? 1)
        let barWidth = 18.0
        let barGap = 90.0
        let plotRight = frame.right - barWidth - barGap
        let cellWidth = (plotRight - frame.left) / Double(max(1, xValues.count))
        let cellHeight = frame.plotHeight / Double(max(1, yValues.count))
        let t = { (v: Double) in (v - scale.lower) / max(1e-300, scale.upper - scale.lower) }
        for (j, row) in values.enumerated() where j < yValues.count {
            // The first y value at the bottom, as on a numeric axis.
            let y0 = frame.bottom - cellHeight * Double(j + 1)
            for (i, value) in row.enumerated() where i < xValues.count && value.isFinite {
                let x0 = frame.left + cellWidth * Double(i)
                frame.canvas.rect(
                    x: x0, y: y0, width: cellWidth - 1, height: cellHeight - 1, fill: Palette.sequential(t(value)))
                let ink = Palette.darkTextOnSequential(t(value)) ? Palette.ink : "#FFFFFF"
                let half = halfWidths.flatMap { j < $0.count && i < $0[j].count ? $0[j][i] : nil }
                if let half, half.isFinite, cellHeight >= 36 {
                    frame.canvas.text(
                        ChartNumber.label(value), x: x0 + cellWidth / 2, y: y0 + cellHeight / 2 - 1,
                        size: ChartFrame.labelSize, anchor: "middle", fill: ink)
                    frame.canvas.text(
                        "±" + ChartNumber.label(half), x: x0 + cellWidth / 2, y: y0 + cellHeight / 2 + 14,
                        size: 11, anchor: "middle", fill: ink)
                } else {
                    frame.canvas.text(
                        ChartNumber.label(value), x: x0 + cellWidth / 2, y: y0 + cellHeight / 2 + 5,
                        size: ChartFrame.labelSize, anchor: "middle", fill: ink)
                }
            }
        }
        for (i, v) in xValues.enumerated() {
            frame.canvas.text(
                ChartNumber.label(v), x: frame.left + cellWidth * (Double(i) + 0.5), y: frame.bottom + 22,
                size: ChartFrame.labelSize, anchor: "middle")
        }
        for (j, label) in yLabels.enumerated() {
            frame.canvas.text(
                label, x: frame.left - 8, y: frame.bottom - cellHeight * (Double(j) + 0.5) + 5,
                size: ChartFrame.labelSize, anchor: "end")
        }
        frame.canvas.text(
            xTitle, x: (frame.left + plotRight) / 2, y: ChartFrame.height - 18, size: ChartFrame.labelSize,
            anchor: "middle")
        frame.canvas.text(
            yTitle, x: 18, y: (frame.top + frame.bottom) / 2, size: ChartFrame.labelSize, anchor: "middle", rotate: -90)
        // Colour bar: 40 steps, ticks from the nice scale, title rotated beside it.
        let barX = plotRight + 20
        let steps = 40
        for k in 0..<steps {
            let h = frame.plotHeight / Double(steps)
            frame.canvas.rect(
                x: barX, y: frame.bottom - h * Double(k + 1), width: barWidth, height: h + 0.5,
                fill: Palette.sequential((Double(k) + 0.5) / Double(steps)))
        }
        let bar = LinearAxis(scale: scale, from: frame.bottom, to: frame.top)
        for tick in scale.ticks {
            frame.canvas.line(
                x1: barX + barWidth, y1: bar.position(tick), x2: barX + barWidth + 4, y2: bar.position(tick),
                stroke: Palette.ink)
            frame.canvas.text(scale.label(tick), x: barX + barWidth + 7, y: bar.position(tick) + 5, size: 12)
        }
        frame.canvas.text(
            valueTitle, x: ChartFrame.width - 10, y: (frame.top + frame.bottom) / 2, size: ChartFrame.labelSize,
            anchor: "middle", rotate: -90)
        return frame.document()
    }
}
