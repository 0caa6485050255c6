// SPDX-License-Identifier: GPL-3.0-or-later

/// Fiscal cost against local conversions, as paired differences from a base policy, both with
/// their 95 % intervals as cross bars; dashed lines mark no change, and a line from the origin
/// through a point has the slope of its conversions per 万元. Two forms:
///
/// - `transfersim levers`: each lever's step as a point at its mean Δ fiscal cost (万元, x) and
///   mean Δ local conversions (y), labelled with the lever's name. Levers up and to the left buy
///   local conversions cheaply (or save money).
/// - the cost curve of `compare` (`paths`): each variant's Δ fiscal cost and Δ local conversions
///   *to date* at the end of each year, joined in year order from the origin in the variant's
///   colour and labelled with the year. The curve runs right while money goes out before
///   conversions come, and turns up when they do: where it bends is when the programme starts to
///   pay off, and the slope from the origin to its last point is the horizon's conversions per 万元.
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

    /// One cost curve: a variant's points in year order, drawn from the origin.
    public typealias Path = ChartSeries<Point>

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    /// Separate points (levers), in the first colour.
    public var points: [Point]
    /// Cost curves, one colour each (drawn after `points`).
    public var paths: [Path]
    /// The legend's words for a point estimate and its interval (with `paths`, the legend names
    /// each path and then the interval).
    public var legendLabels: (estimate: String, interval: String)

    public init(title: String, subtitle: String?, xTitle: String, yTitle: String, points: [Point] = [],
                paths: [Path] = [], legendLabels: (estimate: String, interval: String)) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.paths = paths
        self.legendLabels = legendLabels
    }

    public func svg(_ terms: ChartTerms) -> String {
        var frame = ChartFrame(title: title, subtitle: subtitle)
        if paths.isEmpty {
            frame.legend([LegendEntry(legendLabels.estimate, .dot(colour: Palette.colour(0))),
                          LegendEntry(legendLabels.interval, .line(colour: Palette.colour(0), dash: nil))])
        } else {
            frame.legend(paths.enumerated().map { LegendEntry($0.element.name, .line(colour: Palette.colour($0.offset), dash: nil)) }
                         + [LegendEntry(legendLabels.interval, .line(colour: "#888888", dash: nil))])
        }
        let all = points + paths.flatMap(\.points)
        let xs = (all.flatMap { [$0.cost, $0.costLow, $0.costHigh] } + [0]).filter(\.isFinite)
        let ys = (all.flatMap { [$0.local, $0.localLow, $0.localHigh] } + [0]).filter(\.isFinite)
        let y = frame.yAxis(NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1), title: yTitle)
        let x = frame.xAxis(NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1), title: xTitle)
        frame.canvas.line(x1: x.position(0), y1: frame.top, x2: x.position(0), y2: frame.bottom,
                          stroke: Palette.ink, width: 1, dash: "4 3")
        frame.canvas.line(x1: frame.left, y1: y.position(0), x2: frame.right, y2: y.position(0),
                          stroke: Palette.ink, width: 1, dash: "4 3")
        for p in points { Self.mark(p, colour: Palette.colour(0), radius: 5, labelSize: 12, x: x, y: y, on: &frame.canvas) }
        for (index, path) in paths.enumerated() {
            let colour = Palette.colour(index)
            let defined = path.points.filter { $0.cost.isFinite && $0.local.isFinite }
            frame.canvas.polyline([(x.position(0), y.position(0))] + defined.map { (x.position($0.cost), y.position($0.local)) },
                                  stroke: colour, width: 2)
            // Years drawn at the same place (no difference yet before a scheduled change) share one
            // label, "y1–y3", on the last of them.
            var first = 0
            for (k, p) in defined.enumerated() {
                let next = k + 1 < defined.count ? defined[k + 1] : nil
                let together = next.map {
                    abs(x.position($0.cost) - x.position(p.cost)) < 3 && abs(y.position($0.local) - y.position(p.local)) < 3
                } ?? false
                let label = together ? "" : k == first ? p.label : "\(defined[first].label)–\(p.label)"
                Self.mark(p, colour: colour, radius: 4, labelSize: 11, x: x, y: y, label: label, on: &frame.canvas)
                if !together { first = k + 1 }
            }
        }
        return frame.document()
    }

    /// One point: its cross bars (the 95 % intervals that are defined), the dot and its label
    /// (`label` in the place of the point's own; empty for none).
    static func mark(_ p: Point, colour: String, radius: Double, labelSize: Double, x: LinearAxis, y: LinearAxis,
                     label: String? = nil, on canvas: inout SVGCanvas) {
        guard p.cost.isFinite, p.local.isFinite else { return }
        let cx = x.position(p.cost), cy = y.position(p.local)
        if p.costLow.isFinite, p.costHigh.isFinite {
            canvas.line(x1: x.position(p.costLow), y1: cy, x2: x.position(p.costHigh), y2: cy, stroke: colour, width: 2)
        }
        if p.localLow.isFinite, p.localHigh.isFinite {
            canvas.line(x1: cx, y1: y.position(p.localLow), x2: cx, y2: y.position(p.localHigh), stroke: colour, width: 2)
        }
        canvas.circle(cx: cx, cy: cy, r: radius, fill: colour, stroke: "#FFFFFF")
        let label = label ?? p.label
        if !label.isEmpty { canvas.text(label, x: cx + 8, y: cy - 8, size: labelSize) }
    }
}
