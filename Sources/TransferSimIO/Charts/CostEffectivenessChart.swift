// SPDX-License-Identifier: GPL-3.0-or-later

/// The cost-effectiveness chart of `transfersim levers`: each lever's step as a point at its mean
/// Δ fiscal cost (万元, x) and mean Δ local conversions (y), with both 95 % intervals as cross
/// bars, labelled with the lever's name. Dashed lines mark no change; levers up and to the left
/// buy local conversions cheaply (or save money), and a line from the origin through a point has
/// the slope of its conversions per 万元.
public struct CostEffectivenessChart: Sendable {
    public struct Point: Sendable {
        public let label: String
        public let cost: Double, costLow: Double, costHigh: Double
        public let local: Double, localLow: Double, localHigh: Double

        public init(label: String, cost: Double, costLow: Double, costHigh: Double,
                    local: Double, localLow: Double, localHigh: Double) {
            self.label = label
            (self.cost, self.costLow, self.costHigh) = (cost, costLow, costHigh)
            (self.local, self.localLow, self.localHigh) = (local, localLow, localHigh)
        }
    }

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]
    public var legendLabels: (estimate: String, interval: String)

    public init(title: String, subtitle: String?, xTitle: String, yTitle: String, points: [Point],
                legendLabels: (estimate: String, interval: String)) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.legendLabels = legendLabels
    }

    public func svg(_ terms: ChartTerms) -> String {
        let colour = Palette.colour(0)
        var frame = ChartFrame(title: title, subtitle: subtitle)
        frame.legend([LegendEntry(legendLabels.estimate, .dot(colour: colour)),
                      LegendEntry(legendLabels.interval, .line(colour: colour, dash: nil))])
        let xs = (points.flatMap { [$0.cost, $0.costLow, $0.costHigh] } + [0]).filter(\.isFinite)
        let ys = (points.flatMap { [$0.local, $0.localLow, $0.localHigh] } + [0]).filter(\.isFinite)
        let y = frame.yAxis(NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1), title: yTitle)
        let x = frame.xAxis(NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1), title: xTitle)
        frame.canvas.line(x1: x.position(0), y1: frame.top, x2: x.position(0), y2: frame.bottom,
                          stroke: Palette.ink, width: 1, dash: "4 3")
        frame.canvas.line(x1: frame.left, y1: y.position(0), x2: frame.right, y2: y.position(0),
                          stroke: Palette.ink, width: 1, dash: "4 3")
        for p in points where p.cost.isFinite && p.local.isFinite {
            let cx = x.position(p.cost), cy = y.position(p.local)
            if p.costLow.isFinite, p.costHigh.isFinite {
                frame.canvas.line(x1: x.position(p.costLow), y1: cy, x2: x.position(p.costHigh), y2: cy,
                                  stroke: colour, width: 2)
            }
            if p.localLow.isFinite, p.localHigh.isFinite {
                frame.canvas.line(x1: cx, y1: y.position(p.localLow), x2: cx, y2: y.position(p.localHigh),
                                  stroke: colour, width: 2)
            }
            frame.canvas.circle(cx: cx, cy: cy, r: 5, fill: colour, stroke: "#FFFFFF")
            frame.canvas.text(p.label, x: cx + 8, y: cy - 8, size: 12)
        }
        return frame.document()
    }
}
