// SPDX-License-Identifier: GPL-3.0-or-later

/// Lines of an output against a numeric input, with an optional band around each: a one-parameter
/// sweep (metric mean by parameter value, with its 95 % interval), or partial dependence of a
/// metric on each parameter of a larger sweep.
public struct LineChart: Sendable {
    /// One point; `low`/`high` bound the band when given.
    public struct Point: Sendable {
        public let x: Double
        public let y: Double
        public let low: Double?
        public let high: Double?

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    /// One line with its legend name.
    public typealias Series = ChartSeries<Point>

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    /// The legend label of the bands (`nil`: no band legend).
    public var bandLabel: String?

    public init(
        title: String, subtitle: String? = nil, xTitle: String, yTitle: String, series: [Series],
        bandLabel: String? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.bandLabel = bandLabel
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        var frame = ChartFrame(title: title, subtitle: subtitle)
        var legend = series.enumerated().map {
            LegendEntry($0.element.name, .line(colour: Palette.colour($0.offset), dash: nil))
        }
        let hasBands = series.contains { $0.points.contains { $0.low != nil } }
        if hasBands, let bandLabel {
            legend.append(
                LegendEntry(
                    bandLabel, .swatch(colour: series.count == 1 ? Palette.colour(0) : "#888888", opacity: 0.25)))
        }
        frame.legend(legend)
        let points = series.flatMap(\.points)
        let ys = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }.filter(\.isFinite)
        let xs = points.map(\.x).filter(\.isFinite)
        let y = frame.yAxis(NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1), title: yTitle)
        let x = frame.xAxis(NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1), title: xTitle)
        for (index, s) in series.enumerated() {
            let colour = Palette.colour(index)
            let defined = s.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
            let banded = defined.filter { ($0.low?.isFinite ?? false) && ($0.high?.isFinite ?? false) }
            if banded.count == defined.count, defined.count > 1 {
                frame.canvas.polygon(
                    banded.map { (x.position($0.x), y.position($0.high ?? $0.y)) }
                        + banded.reversed().map { (x.position($0.x), y.position($0.low ?? $0.y)) }, fill: colour,
                    opacity: 0.25)
            }
            frame.canvas.polyline(defined.map { (x.position($0.x), y.position($0.y)) }, stroke: colour, width: 3)
            for p in defined { frame.canvas.circle(cx: x.position(p.x), cy: y.position(p.y), r: 4, fill: colour) }
        }
        return frame.document()
    }
}
