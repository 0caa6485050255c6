// SPDX-License-Identifier: GPL-3.0-or-later

/// A tornado chart of one-at-a-time sensitivity: for each parameter, the change in an output when
/// the parameter is set to the low and to the high end of its range, as bars from zero, the
/// widest swing at the top.
public struct TornadoChart: Sendable {
    /// One parameter's changes in the output (in the output's unit).
    public struct Row: Sendable {
        public let parameter: String
        public let lowDelta: Double
        public let highDelta: Double

        public init(parameter: String, lowDelta: Double, highDelta: Double) {
            self.parameter = parameter
            self.lowDelta = lowDelta
            self.highDelta = highDelta
        }

        /// The width of the swing, for ordering (undefined deltas count as none).
        var swing: Double {
            abs((highDelta.isFinite ? highDelta : 0) - (lowDelta.isFinite ? lowDelta : 0))
        }
    }

    public var title: String
    public var subtitle: String?
    /// The x axis's title: the change in the output, with its unit.
    public var xTitle: String
    public var rows: [Row]

    public init(title: String, subtitle: String? = nil, xTitle: String, rows: [Row]) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.rows = rows
    }

    /// The rows widest swing first (ties by parameter name, so the order is stable).
    public var ordered: [Row] {
        rows.sorted { $0.swing != $1.swing ? $0.swing > $1.swing : $0.parameter < $1.parameter }
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        let rows = ordered
        let low = Palette.colour(4)
        let high = Palette.colour(1)
        var frame = ChartFrame(
            title: title, subtitle: subtitle, leftMargin: ChartFrame.margin(for: rows.map(\.parameter)))
        frame.legend([
            LegendEntry(terms.lowSetting, .swatch(colour: low, opacity: 1)),
            LegendEntry(terms.highSetting, .swatch(colour: high, opacity: 1)),
        ])
        let values = rows.flatMap { [$0.lowDelta, $0.highDelta] }.filter(\.isFinite) + [0]
        let x = frame.xAxis(
            NiceScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1), title: xTitle, grid: true)
        let (centres, band) = frame.categoryAxis(rows.map(\.parameter))
        let zero = x.position(0)
        for (row, y) in zip(rows, centres) {
            let h = min(28, band * 0.7)
            for (delta, colour, offset) in [(row.lowDelta, low, -h / 4), (row.highDelta, high, h / 4)]
            where delta.isFinite {
                let end = x.position(delta)
                frame.canvas.rect(
                    x: min(zero, end), y: y + offset - h / 4, width: abs(end - zero), height: h / 2, fill: colour)
            }
        }
        frame.canvas.line(x1: zero, y1: frame.top, x2: zero, y2: frame.bottom, stroke: Palette.ink, width: 1.5)
        return frame.document()
    }
}
