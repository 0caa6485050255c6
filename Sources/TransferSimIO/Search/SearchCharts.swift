// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The Pareto-front chart of `transfersim optimise`: each package of the front at its first
/// objective (x) and second objective (y) on the search trials (filled) and on fresh trials
/// (open), joined by a thin line, so the winner's curse shows as the drift between them.
public struct ParetoFrontChart: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    /// Per package: (x, y) on the search trials and on fresh trials.
    public var packages: [(search: (Double, Double), fresh: (Double, Double))]

    public init(title: String, xTitle: String, yTitle: String, packages: [(search: (Double, Double), fresh: (Double, Double))]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.packages = packages
    }

    public func svg() -> String {
        let search = Palette.colour(0), fresh = Palette.colour(1)
        var frame = ChartFrame(title: title, subtitle: nil)
        frame.legend([LegendEntry("search trials 搜索试验", .dot(colour: search)),
                      LegendEntry("fresh trials 新试验复核", .dot(colour: fresh))])
        let xs = packages.flatMap { [$0.search.0, $0.fresh.0] }.filter(\.isFinite)
        let ys = packages.flatMap { [$0.search.1, $0.fresh.1] }.filter(\.isFinite)
        let y = frame.yAxis(NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1), title: yTitle)
        let x = frame.xAxis(NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1), title: xTitle)
        let front = packages.filter { $0.search.0.isFinite && $0.search.1.isFinite }.sorted { $0.search.0 < $1.search.0 }
        frame.canvas.polyline(front.map { (x.position($0.search.0), y.position($0.search.1)) }, stroke: search, width: 1.5)
        for (i, p) in packages.enumerated() where p.search.0.isFinite && p.search.1.isFinite {
            let sx = x.position(p.search.0), sy = y.position(p.search.1)
            if p.fresh.0.isFinite, p.fresh.1.isFinite {
                let fx = x.position(p.fresh.0), fy = y.position(p.fresh.1)
                frame.canvas.line(x1: sx, y1: sy, x2: fx, y2: fy, stroke: fresh, width: 1, dash: "3 2")
                frame.canvas.circle(cx: fx, cy: fy, r: 4, fill: "#FFFFFF", stroke: fresh)
            }
            frame.canvas.circle(cx: sx, cy: sy, r: 4.5, fill: search, stroke: "#FFFFFF")
            frame.canvas.text(String(i + 1), x: sx + 6, y: sy - 6, size: 11)
        }
        return frame.document()
    }
}

/// The coverage-density trade-off of `transfersim discover`: every box of the peeling trajectory
/// at its coverage (x) and density (y), coloured from light (few restricted dimensions) to dark
/// (many), numbered as in `boxes.csv`.
public struct PeelingTrajectoryChart: Sendable {
    public var title: String
    public var boxes: [PRIM.Box]

    public init(title: String, boxes: [PRIM.Box]) {
        self.title = title
        self.boxes = boxes
    }

    public func svg() -> String {
        var frame = ChartFrame(title: title, subtitle: nil)
        let most = max(1, boxes.map(\.restricted.count).max() ?? 1)
        frame.legend((0...min(most, 5)).map { LegendEntry("\($0) restricted 个受限维度", .dot(colour: Palette.colour($0))) })
        let y = frame.yAxis(NiceScale(minimum: 0, maximum: 1), title: "density 密度")
        let x = frame.xAxis(NiceScale(minimum: 0, maximum: 1), title: "coverage 覆盖率")
        frame.canvas.polyline(boxes.map { (x.position($0.coverage), y.position($0.density)) }, stroke: Palette.ink, width: 1)
        for (i, b) in boxes.enumerated() {
            let cx = x.position(b.coverage), cy = y.position(b.density)
            frame.canvas.circle(cx: cx, cy: cy, r: 4.5, fill: Palette.colour(min(b.restricted.count, 5)), stroke: "#FFFFFF")
            if i % max(1, boxes.count / 12) == 0 || i == boxes.count - 1 { frame.canvas.text(String(i), x: cx + 6, y: cy - 6, size: 10) }
        }
        return frame.document()
    }
}
