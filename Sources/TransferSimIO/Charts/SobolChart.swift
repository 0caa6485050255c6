// SPDX-License-Identifier: GPL-3.0-or-later

/// Sobol indices of one output: for each parameter, a bar for the first-order index S1 (share of
/// the output's variance due to the parameter alone) and one for the total index ST (including
/// its interactions), each with its confidence interval, largest ST at the top.
public struct SobolChart: Sendable {
    /// An index with its interval (interval ends may be NaN when not computed).
    public struct Estimate: Sendable {
        public let value: Double
        public let low: Double
        public let high: Double

        public init(value: Double, low: Double, high: Double) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// One parameter's indices.
    public struct Row: Sendable {
        public let parameter: String
        public let firstOrder: Estimate?
        public let total: Estimate?

        public init(parameter: String, firstOrder: Estimate?, total: Estimate?) {
            self.parameter = parameter
            self.firstOrder = firstOrder
            self.total = total
        }
    }

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var rows: [Row]

    public init(title: String, subtitle: String? = nil, xTitle: String, rows: [Row]) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.rows = rows
    }

    /// The rows by total index, largest first (ties by name).
    public var ordered: [Row] {
        let key = { (row: Row) in row.total?.value ?? row.firstOrder?.value ?? 0 }
        return rows.sorted { key($0) != key($1) ? key($0) > key($1) : $0.parameter < $1.parameter }
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        let rows = ordered
        let first = Palette.colour(0)
        let total = Palette.colour(3)
        var frame = ChartFrame(
            title: title, subtitle: subtitle, leftMargin: ChartFrame.margin(for: rows.map(\.parameter)))
        frame.legend([
            LegendEntry(terms.firstOrder, .swatch(colour: first, opacity: 1)),
            LegendEntry(terms.total, .swatch(colour: total, opacity: 1)),
            LegendEntry(terms.interval95, .line(colour: Palette.ink, dash: nil)),
        ])
        let values = rows.flatMap {
            [$0.firstOrder, $0.total].compactMap { $0 }.flatMap { [$0.value, $0.low, $0.high] }
        }
        .filter(\.isFinite)
        let x = frame.xAxis(
            NiceScale(minimum: min(0, values.min() ?? 0), maximum: max(1, values.max() ?? 1)),
            title: xTitle, grid: true)
        let (centres, band) = frame.categoryAxis(rows.map(\.parameter))
        let zero = x.position(0)
        for (row, y) in zip(rows, centres) {
            let h = min(28, band * 0.7) / 2
            for (estimate, colour, top) in [(row.firstOrder, first, y - h), (row.total, total, y)] {
                guard let estimate, estimate.value.isFinite else { continue }
                let end = x.position(estimate.value)
                frame.canvas.rect(x: min(zero, end), y: top, width: abs(end - zero), height: h - 1, fill: colour)
                if estimate.low.isFinite, estimate.high.isFinite {
                    frame.canvas.line(
                        x1: x.position(estimate.low), y1: top + h / 2, x2: x.position(estimate.high), y2: top + h / 2,
                        stroke: Palette.ink, width: 1.5)
                }
            }
        }
        frame.canvas.line(x1: zero, y1: frame.top, x2: zero, y2: frame.bottom, stroke: Palette.ink, width: 1.5)
        return frame.document()
    }
}
