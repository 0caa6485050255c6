// SPDX-License-Identifier: GPL-3.0-or-later

/// One entry of a chart's legend: a label and how its mark looks.
public struct LegendEntry: Sendable {
    /// How the legend draws the mark.
    public enum Mark: Sendable {
        /// A filled square (bars, bands); `opacity` as drawn in the chart.
        case swatch(colour: String, opacity: Double)
        /// A line (series, medians), dashed when `dash` is given.
        case line(colour: String, dash: String?)
        /// A dot (point estimates).
        case dot(colour: String)
    }
    public let label: String
    public let mark: Mark

    public init(_ label: String, _ mark: Mark) {
        self.label = label
        self.mark = mark
    }
}

/// A numeric axis: a nice scale mapped onto a pixel range (`from` is where `scale.lower` goes).
struct LinearAxis {
    let scale: NiceScale
    let from: Double
    let to: Double

    /// The pixel position of `value` (values outside the scale extrapolate).
    func position(_ value: Double) -> Double {
        let span = scale.upper - scale.lower
        guard span > 0, value.isFinite else { return from }
        return from + (value - scale.lower) / span * (to - from)
    }
}

/// The layout every chart shares, at slide size (800 × 480 user units, 14–20 px text): a title
/// and subtitle at the top, a legend row under them, the plot area, and axis titles with units.
struct ChartFrame {
    static let width = 800.0
    static let height = 480.0
    static let titleSize = 20.0
    static let labelSize = 14.0

    var canvas = SVGCanvas(width: width, height: height)
    let left: Double
    /// The plot area's top; a legend that wraps onto more rows moves it down.
    private(set) var top: Double
    let right: Double
    let bottom: Double
    let title: String

    /// A frame whose plot area leaves `leftMargin` for the y axis's labels; `hasLegend` reserves
    /// a legend row.
    init(title: String, subtitle: String?, leftMargin: Double = 90, hasLegend: Bool = true) {
        self.title = title
        left = leftMargin
        top = hasLegend ? 100 : 76
        right = Self.width - 30
        bottom = Self.height - 68
        canvas.text(title, x: 20, y: 32, size: Self.titleSize, weight: "bold")
        if let subtitle { canvas.text(subtitle, x: 20, y: 56, size: Self.labelSize, fill: Palette.muted) }
    }

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// An estimate of the width of `text` at `size` (CJK characters count as square, others as
    /// 0.55 em): enough to leave room for labels without measuring fonts.
    static func textWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { sum, scalar in sum + (scalar.value >= 0x2E80 ? 1.0 : 0.55) } * size
    }

    /// The left margin that fits the widest of `labels` beside a y axis (between 70 and 300).
    static func margin(for labels: [String]) -> Double {
        let widest = labels.map { textWidth($0, size: labelSize) }.max() ?? 0
        return min(300, max(70, widest + 24))
    }

    /// The legend, left to right under the subtitle, wrapping onto further rows (and moving the
    /// plot area down) when it would run past the right edge. Call before drawing the axes.
    mutating func legend(_ entries: [LegendEntry]) {
        var x = 20.0
        var y = 80.0
        for entry in entries {
            let width = 24 + Self.textWidth(entry.label, size: Self.labelSize)
            if x > 20, x + width > Self.width - 10 {
                x = 20
                y += 22
                top += 22
            }
            switch entry.mark {
            case let .swatch(colour, opacity):
                canvas.rect(x: x, y: y - 11, width: 14, height: 14, fill: colour, opacity: opacity)
            case let .line(colour, dash):
                canvas.line(x1: x, y1: y - 4, x2: x + 18, y2: y - 4, stroke: colour, width: 3, dash: dash)
            case let .dot(colour):
                canvas.circle(cx: x + 7, cy: y - 4, r: 5, fill: colour)
            }
            canvas.text(entry.label, x: x + 24, y: y, size: Self.labelSize)
            x += width + 22
        }
    }

    /// A vertical numeric axis on the left with grid lines, tick labels and a rotated title.
    mutating func yAxis(_ scale: NiceScale, title: String) -> LinearAxis {
        let axis = LinearAxis(scale: scale, from: bottom, to: top)
        for tick in scale.ticks {
            let y = axis.position(tick)
            canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: Palette.grid)
            canvas.text(scale.label(tick), x: left - 8, y: y + 5, size: Self.labelSize, anchor: "end")
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: Palette.ink)
        canvas.text(title, x: 18, y: (top + bottom) / 2, size: Self.labelSize, anchor: "middle", rotate: -90)
        return axis
    }

    /// A horizontal numeric axis at the bottom with tick labels and a title; `grid` draws
    /// vertical grid lines.
    mutating func xAxis(_ scale: NiceScale, title: String, grid: Bool = false) -> LinearAxis {
        let axis = LinearAxis(scale: scale, from: left, to: right)
        for tick in scale.ticks {
            let x = axis.position(tick)
            if grid { canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: Palette.grid) }
            canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: Palette.ink)
            canvas.text(scale.label(tick), x: x, y: bottom + 22, size: Self.labelSize, anchor: "middle")
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: Palette.ink)
        xTitle(title)
        return axis
    }

    /// The x axis's title, centred under the plot.
    mutating func xTitle(_ title: String) {
        canvas.text(title, x: (left + right) / 2, y: Self.height - 18, size: Self.labelSize, anchor: "middle")
    }

    /// Category labels down the left side, one band each; gives each band's centre and height.
    mutating func categoryAxis(_ labels: [String]) -> (centres: [Double], band: Double) {
        let band = plotHeight / Double(max(1, labels.count))
        var centres: [Double] = []
        for (i, label) in labels.enumerated() {
            let centre = top + band * (Double(i) + 0.5)
            centres.append(centre)
            canvas.text(label, x: left - 10, y: centre + 5, size: Self.labelSize, anchor: "end")
        }
        return (centres, band)
    }

    /// The finished SVG document.
    func document() -> String { canvas.document(title: title) }
}
