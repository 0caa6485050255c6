// SPDX-License-Identifier: GPL-3.0-or-later

/// A dot-and-interval chart: one row per item, a dot at the estimate, a thin line over the outer
/// interval and, when given, a thick one over the inner interval, with a reference line (zero
/// for differences). Used for each variant's paired difference from the baseline (95 % interval)
/// and for a fund's TVPI or IRR per LP class (median, 50 % and 90 % of trials).
public struct IntervalChart: Sendable {
    /// One row.
    public struct Row: Sendable {
        public let label: String
        public let estimate: Double
        public let low: Double
        public let high: Double
        public let innerLow: Double?
        public let innerHigh: Double?

        public init(
            label: String, estimate: Double, low: Double, high: Double, innerLow: Double? = nil,
            innerHigh: Double? = nil
        ) {
            self.label = label
            self.estimate = estimate
            self.low = low
            self.high = high
            self.innerLow = innerLow
            self.innerHigh = innerHigh
        }
    }

    public var title: String
    public var subtitle: String?
    /// The x axis's title with its unit.
    public var xTitle: String
    public var rows: [Row]
    /// Where to draw the reference line (`nil`: none).
    public var reference: Double?
    /// Legend labels: the dot, the outer interval, the inner interval (when rows have one).
    public var legendLabels: (estimate: String, outer: String, inner: String?)

    public init(
        title: String, subtitle: String? = nil, xTitle: String, rows: [Row], reference: Double? = 0,
        legendLabels: (estimate: String, outer: String, inner: String?)
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.rows = rows
        self.reference = reference
        self.legendLabels = legendLabels
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        let colour = Palette.colour(0)
        var frame = ChartFrame(title: title, subtitle: subtitle, leftMargin: ChartFrame.margin(for: rows.map(\.label)))
        var legend = [
            LegendEntry(legendLabels.estimate, .dot(colour: colour)),
            LegendEntry(legendLabels.outer, .line(colour: colour, dash: nil)),
        ]
        if let inner = legendLabels.inner, rows.contains(where: { $0.innerLow != nil }) {
            legend.append(LegendEntry(inner, .swatch(colour: colour, opacity: 0.6)))
        }
        frame.legend(legend)
        var values = rows.flatMap { [$0.low, $0.high, $0.estimate] }.filter(\.isFinite)
        if let reference { values.append(reference) }
        let x = frame.xAxis(
            NiceScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1), title: xTitle, grid: true)
        if let reference {
            frame.canvas.line(
                x1: x.position(reference), y1: frame.top, x2: x.position(reference), y2: frame.bottom,
                stroke: Palette.ink, width: 1.5, dash: "4 3")
        }
        let (centres, band) = frame.categoryAxis(rows.map(\.label))
        for (row, y) in zip(rows, centres) {
            if row.low.isFinite, row.high.isFinite {
                frame.canvas.line(
                    x1: x.position(row.low), y1: y, x2: x.position(row.high), y2: y, stroke: colour, width: 2.5)
            }
            if let a = row.innerLow, let b = row.innerHigh, a.isFinite, b.isFinite {
                let h = min(16, band * 0.4)
                frame.canvas.rect(
                    x: x.position(a), y: y - h / 2, width: x.position(b) - x.position(a), height: h,
                    fill: colour, opacity: 0.6)
            }
            guard row.estimate.isFinite else { continue }
            frame.canvas.circle(cx: x.position(row.estimate), cy: y, r: 6, fill: colour, stroke: "#FFFFFF")
            // The value to the right of the interval, clear of the rows above and below.
            let end = [row.high, row.innerHigh ?? row.high, row.estimate].filter(\.isFinite).max() ?? row.estimate
            frame.canvas.text(
                ChartNumber.label(row.estimate), x: x.position(end) + 9, y: y + 5, size: ChartFrame.labelSize)
        }
        return frame.document()
    }
}
