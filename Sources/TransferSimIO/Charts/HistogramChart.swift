// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// A histogram of one metric's values across trials, with dashed lines at the 5th percentile,
/// median and 95th percentile. Bins are a nice width (1, 2 or 5 × 10ⁿ) chosen for about 20 bins;
/// a bin holds values in `[lower, upper)`, the last one also its upper edge. Undefined (NaN)
/// values are left out.
public struct HistogramChart: Sendable {
    public var title: String
    public var subtitle: String?
    /// The x axis's title with the metric's unit.
    public var xTitle: String
    public var values: [Double]

    public init(title: String, subtitle: String? = nil, xTitle: String, values: [Double]) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.values = values
    }

    /// The bins: the lower edge of the first, the width, and the count in each.
    public func bins() -> (start: Double, width: Double, counts: [Int]) {
        let defined = values.filter(\.isFinite)
        guard let low = defined.min(), let high = defined.max() else { return (0, 1, []) }
        let scale = NiceScale(minimum: low, maximum: high, ticks: 21)
        var width = scale.step
        // Counts cannot be split: whole-number data gets bins at least one wide.
        if defined.allSatisfy({ $0 == $0.rounded() }) { width = max(1, width.rounded(.up)) }
        let start = (low / width).rounded(.down) * width
        let count = max(1, Int(((high - start) / width).rounded(.down)) + 1)
        var counts = [Int](repeating: 0, count: count)
        for value in defined { counts[min(count - 1, Int(((value - start) / width).rounded(.down)))] += 1 }
        return (start, width, counts)
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        var frame = ChartFrame(title: title, subtitle: subtitle)
        let colour = Palette.colour(0)
        frame.legend([
            LegendEntry(terms.trials, .swatch(colour: colour, opacity: 0.8)),
            LegendEntry(terms.median, .line(colour: Palette.ink, dash: nil)),
            LegendEntry(terms.percentiles, .line(colour: Palette.colour(1), dash: "6 4")),
        ])
        let (start, width, counts) = bins()
        let y = frame.yAxis(NiceScale(minimum: 0, maximum: Double(counts.max() ?? 1)), title: terms.trialCount)
        let x = frame.xAxis(
            NiceScale(minimum: start, maximum: start + width * Double(max(1, counts.count))), title: xTitle)
        for (i, n) in counts.enumerated() where n > 0 {
            let x0 = x.position(start + width * Double(i))
            let x1 = x.position(start + width * Double(i + 1))
            frame.canvas.rect(
                x: x0 + 0.5, y: y.position(Double(n)), width: x1 - x0 - 1,
                height: y.position(0) - y.position(Double(n)),
                fill: colour, opacity: 0.8)
        }
        let summary = Summary(values)
        if summary.n > 0 {
            for (q, isMedian) in [(summary.p05, false), (summary.p50, true), (summary.p95, false)] {
                let position = x.position(q)
                frame.canvas.line(
                    x1: position, y1: frame.top, x2: position, y2: frame.bottom,
                    stroke: isMedian ? Palette.ink : Palette.colour(1), width: 2, dash: isMedian ? nil : "6 4")
            }
        }
        return frame.document()
    }
}
