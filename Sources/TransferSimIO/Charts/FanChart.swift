// SPDX-License-Identifier: GPL-3.0-or-later

/// A fan chart over time: for each series, the median as a line, with the band holding 90 % of
/// trials (5th–95th percentile) and, when known, the band holding 50 % (25th–75th). Used for
/// yearly conversions and fiscal spending, and for a fund's J-curve (one series per LP class).
public struct FanChart: Sendable {
    /// The bands at one point in time.
    public struct Point: Sendable {
        public let x: Double
        public let p05: Double
        public let p25: Double?
        public let p50: Double
        public let p75: Double?
        public let p95: Double

        public init(x: Double, p05: Double, p25: Double?, p50: Double, p75: Double?, p95: Double) {
            self.x = x
            self.p05 = p05
            self.p25 = p25
            self.p50 = p50
            self.p75 = p75
            self.p95 = p95
        }
    }

    /// One fan: its name (shown in the legend when there are several) and points in time order.
    public typealias Series = ChartSeries<Point>

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]

    public init(title: String, subtitle: String? = nil, xTitle: String, yTitle: String, series: [Series]) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        var frame = ChartFrame(title: title, subtitle: subtitle)
        let single = series.count == 1
        var legend: [LegendEntry] = []
        for (index, s) in series.enumerated() {
            let colour = Palette.colour(index)
            legend.append(LegendEntry(single ? terms.median : s.name, .line(colour: colour, dash: nil)))
            if single {
                if s.points.contains(where: { $0.p25 != nil }) {
                    legend.append(LegendEntry(terms.band50, .swatch(colour: colour, opacity: 0.45)))
                }
                legend.append(LegendEntry(terms.band90, .swatch(colour: colour, opacity: 0.2)))
            }
        }
        if !single { legend.append(LegendEntry(terms.bands90, .swatch(colour: "#888888", opacity: 0.2))) }
        frame.legend(legend)
        let points = series.flatMap(\.points)
        let ys = points.flatMap { [$0.p05, $0.p95, $0.p50] }.filter(\.isFinite)
        let y = frame.yAxis(NiceScale(minimum: min(0, ys.min() ?? 0), maximum: ys.max() ?? 1), title: yTitle)
        let xs = points.map(\.x).filter(\.isFinite)
        let x = frame.xAxis(
            NiceScale(
                minimum: xs.min() ?? 0, maximum: xs.max() ?? 1,
                ticks: min(11, max(2, Set(xs).count))), title: xTitle)
        if y.scale.lower < 0 {
            frame.canvas.line(
                x1: frame.left, y1: y.position(0), x2: frame.right, y2: y.position(0), stroke: Palette.ink)
        }
        for (index, s) in series.enumerated() {
            let colour = Palette.colour(index)
            let defined = s.points.filter { $0.x.isFinite && $0.p05.isFinite && $0.p95.isFinite && $0.p50.isFinite }
            let outer =
                defined.map { (x.position($0.x), y.position($0.p95)) }
                + defined.reversed().map { (x.position($0.x), y.position($0.p05)) }
            frame.canvas.polygon(outer, fill: colour, opacity: 0.2)
            let inner = defined.filter { $0.p25 != nil && $0.p75 != nil }
            if inner.count == defined.count {
                let band =
                    inner.map { (x.position($0.x), y.position($0.p75 ?? $0.p50)) }
                    + inner.reversed().map { (x.position($0.x), y.position($0.p25 ?? $0.p50)) }
                frame.canvas.polygon(band, fill: colour, opacity: 0.45)
            }
            frame.canvas.polyline(defined.map { (x.position($0.x), y.position($0.p50)) }, stroke: colour, width: 3)
        }
        return frame.document()
    }
}
