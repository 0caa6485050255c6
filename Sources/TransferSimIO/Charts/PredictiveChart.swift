// SPDX-License-Identifier: GPL-3.0-or-later

/// Each observed figure of a calibration against its posterior predictive, on one axis in the
/// figures' stated uncertainties (the calibration's distance units): the observed value at 0 with a
/// band of ± one stated uncertainty, and per figure the predictive mean (a dot) and 90 % interval
/// (a line), both as (predictive − observed) / uncertainty. A figure whose observed value lies
/// outside its interval is drawn in the warning colour. Each row's label has the figure's name and,
/// under it, its numbers in its own units.
public struct PredictiveChart: Sendable {
    /// One figure, standardised.
    public struct Row: Sendable {
        public let label: String
        /// The row's numbers in the figure's own units (observed, uncertainty, predictive).
        public let detail: String
        public let mean: Double
        public let low: Double
        public let high: Double
        /// Whether the observed value (0) lies inside `low...high`.
        public var inside: Bool { low <= 0 && high >= 0 }

        public init(label: String, detail: String, mean: Double, low: Double, high: Double) {
            self.label = label
            self.detail = detail
            self.mean = mean
            self.low = low
            self.high = high
        }
    }

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var rows: [Row]
    public var legendLabels: (observed: String, mean: String, interval: String, outside: String)

    static let detailSize = 12.0

    public init(title: String, subtitle: String?, xTitle: String, rows: [Row],
                legendLabels: (observed: String, mean: String, interval: String, outside: String)) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.rows = rows
        self.legendLabels = legendLabels
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let inside = Palette.colour(0)
        let outside = Palette.colour(1)
        let observed = Palette.colour(2)
        let labelWidth = rows.map {
            max(ChartFrame.textWidth($0.label, size: ChartFrame.labelSize),
                ChartFrame.textWidth($0.detail, size: Self.detailSize))
        }.max() ?? 0
        var frame = ChartFrame(title: title, subtitle: subtitle, leftMargin: min(360, max(70, labelWidth + 24)))
        var legend = [
            LegendEntry(legendLabels.observed, .swatch(colour: observed, opacity: 0.2)),
            LegendEntry(legendLabels.mean, .dot(colour: inside)),
            LegendEntry(legendLabels.interval, .line(colour: inside, dash: nil)),
        ]
        if rows.contains(where: { !$0.inside }) { legend.append(LegendEntry(legendLabels.outside, .line(colour: outside, dash: nil))) }
        frame.legend(legend)
        let values = rows.flatMap { [$0.low, $0.high, $0.mean] }.filter(\.isFinite) + [-1, 1]
        let x = frame.xAxis(NiceScale(minimum: values.min() ?? -1, maximum: values.max() ?? 1), title: xTitle, grid: true)
        frame.canvas.rect(x: x.position(-1), y: frame.top, width: x.position(1) - x.position(-1),
                          height: frame.bottom - frame.top, fill: observed, opacity: 0.2)
        frame.canvas.line(x1: x.position(0), y1: frame.top, x2: x.position(0), y2: frame.bottom, stroke: observed, width: 2)
        let band = frame.plotHeight / Double(max(1, rows.count))
        for (i, row) in rows.enumerated() {
            let y = frame.top + band * (Double(i) + 0.5)
            let colour = row.inside ? inside : outside
            frame.canvas.text(row.label, x: frame.left - 10, y: y - 2, size: ChartFrame.labelSize, anchor: "end",
                              fill: row.inside ? Palette.ink : outside)
            frame.canvas.text(row.detail, x: frame.left - 10, y: y + 14, size: Self.detailSize, anchor: "end",
                              fill: Palette.muted)
            if row.low.isFinite, row.high.isFinite {
                frame.canvas.line(x1: x.position(row.low), y1: y, x2: x.position(row.high), y2: y, stroke: colour, width: 2.5)
            }
            if row.mean.isFinite {
                frame.canvas.circle(cx: x.position(row.mean), cy: y, r: 6, fill: colour, stroke: "#FFFFFF")
            }
        }
        return frame.document()
    }
}
