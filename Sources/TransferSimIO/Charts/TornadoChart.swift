// SPDX-License-Identifier: GPL-3.0-or-later

/// A tornado chart of one-at-a-time sensitivity: for each parameter, the change in an output when
/// the parameter is set to the low and to the high end of its range, as bars from zero with each
/// change's 95 % interval (paired over trials) and the setting written at the bar's end, the
/// widest swing at the top.
public struct TornadoChart: Sendable {
    /// One parameter's changes in the output (in the output's unit).
    public struct Row: Sendable {
        public let parameter: String
        public let lowDelta: Double
        public let highDelta: Double
        /// The 95 % intervals of the two changes (paired over trials), when known.
        public let lowInterval: ClosedRange<Double>?
        public let highInterval: ClosedRange<Double>?
        /// The parameter's low and high settings as labels (e.g. "0.5", "2,000"), when known.
        public let lowSetting: String?
        public let highSetting: String?

        public init(
            parameter: String, lowDelta: Double, highDelta: Double, lowInterval: ClosedRange<Double>? = nil,
            highInterval: ClosedRange<Double>? = nil, lowSetting: String? = nil, highSetting: String? = nil
        ) {
            self.parameter = parameter
            self.lowDelta = lowDelta
            self.highDelta = highDelta
            self.lowInterval = lowInterval
            self.highInterval = highInterval
            self.lowSetting = lowSetting
            self.highSetting = highSetting
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
        let ordered = self.ordered
        let low = Palette.colour(4)
        let high = Palette.colour(1)
        var frame = ChartFrame(
            title: title, subtitle: subtitle, leftMargin: ChartFrame.margin(for: ordered.map(\.parameter)))
        var legend = [
            LegendEntry(terms.lowSetting, .swatch(colour: low, opacity: 1)),
            LegendEntry(terms.highSetting, .swatch(colour: high, opacity: 1)),
        ]
        let hasIntervals = ordered.contains { $0.lowInterval != nil || $0.highInterval != nil }
        if hasIntervals { legend.append(LegendEntry(terms.interval95, .line(colour: Palette.ink, dash: nil))) }
        frame.legend(legend)
        // The axis covers the bars, their intervals and room for the settings written at the bars' ends.
        var values: [Double] = ordered.flatMap { [$0.lowDelta, $0.highDelta] } + [0]
        for row in ordered {
            for interval in [row.lowInterval, row.highInterval] {
                if let interval { values += [interval.lowerBound, interval.upperBound] }
            }
        }
        values = values.filter { $0.isFinite }
        var lower = values.min() ?? 0
        var upper = values.max() ?? 1
        let hasSettings = ordered.contains { $0.lowSetting != nil || $0.highSetting != nil }
        if hasSettings {
            let room = (upper - lower) * 0.12
            if lower < 0 { lower -= room }
            if upper > 0 { upper += room }
        }
        let x = frame.xAxis(NiceScale(minimum: lower, maximum: upper), title: xTitle, grid: true)
        let (centres, band) = frame.categoryAxis(ordered.map(\.parameter))
        let zero = x.position(0)
        for (row, y) in zip(ordered, centres) {
            let h = min(28, band * 0.7)
            let bars = [
                (row.lowDelta, low, -h / 4, row.lowInterval, row.lowSetting),
                (row.highDelta, high, h / 4, row.highInterval, row.highSetting),
            ]
            for (delta, colour, offset, interval, setting) in bars where delta.isFinite {
                let end = x.position(delta)
                let centre = y + offset
                frame.canvas.rect(
                    x: min(zero, end), y: centre - h / 4, width: abs(end - zero), height: h / 2, fill: colour)
                var outer = end
                if let interval, interval.lowerBound.isFinite, interval.upperBound.isFinite {
                    let a = x.position(interval.lowerBound)
                    let b = x.position(interval.upperBound)
                    let cap = min(5, h / 5)
                    frame.canvas.line(x1: a, y1: centre, x2: b, y2: centre, stroke: Palette.ink, width: 1.5)
                    frame.canvas.line(x1: a, y1: centre - cap, x2: a, y2: centre + cap, stroke: Palette.ink, width: 1.5)
                    frame.canvas.line(x1: b, y1: centre - cap, x2: b, y2: centre + cap, stroke: Palette.ink, width: 1.5)
                    outer = delta < 0 ? min(end, a, b) : max(end, a, b)
                }
                if let setting, band >= 24 {
                    // The parameter's setting, just beyond the bar's end (or its interval's).
                    frame.canvas.text(
                        "= \(setting)", x: delta < 0 ? outer - 4 : outer + 4, y: centre + 4, size: 11,
                        anchor: delta < 0 ? "end" : "start", fill: Palette.muted)
                }
            }
        }
        frame.canvas.line(x1: zero, y1: frame.top, x2: zero, y2: frame.bottom, stroke: Palette.ink, width: 1.5)
        return frame.document()
    }
}
