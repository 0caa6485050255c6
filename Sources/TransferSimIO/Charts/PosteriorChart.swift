// SPDX-License-Identifier: GPL-3.0-or-later

/// Prior against posterior for one fitted parameter of a calibration: the histogram of the prior
/// draws and that of the weighted posterior particles on the same bins (each bar the share of its
/// sample's weight in the bin, so the two are comparable whatever their sizes), a solid line at the
/// posterior median, dashed lines at its 5th and 95th percentiles and dotted lines at the prior's.
/// Bins are a nice width (1, 2 or 5 × 10ⁿ) for about 25 bins over both samples; a bin holds values
/// in `[lower, upper)`, the last one also its upper edge. Without prior draws (a folder written
/// before `prior.csv` was) the prior is shown by its percentiles only.
public struct PosteriorChart: Sendable {
    /// Values with their weights (normalised when drawn; NaN values are left out).
    public struct Sample: Sendable {
        public let values: [Double]
        public let weights: [Double]

        public init(values: [Double], weights: [Double]) {
            self.values = values
            self.weights = weights
        }
    }

    public var title: String
    public var subtitle: String?
    /// The x axis's title: the parameter and its unit.
    public var xTitle: String
    /// The y axis's title with its unit.
    public var yTitle: String
    public var prior: Sample?
    public var posterior: Sample
    public var posteriorPercentiles: (p05: Double, p50: Double, p95: Double)
    public var priorPercentiles: (p05: Double, p95: Double)
    public var legendLabels: (prior: String, posterior: String, median: String, posteriorPercentiles: String,
                              priorPercentiles: String)

    public init(title: String, subtitle: String?, xTitle: String, yTitle: String, prior: Sample?, posterior: Sample,
                posteriorPercentiles: (p05: Double, p50: Double, p95: Double), priorPercentiles: (p05: Double, p95: Double),
                legendLabels: (prior: String, posterior: String, median: String, posteriorPercentiles: String,
                               priorPercentiles: String)) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.prior = prior
        self.posterior = posterior
        self.posteriorPercentiles = posteriorPercentiles
        self.priorPercentiles = priorPercentiles
        self.legendLabels = legendLabels
    }

    /// The common bins: the lower edge of the first, the width and the number of bins.
    public func bins() -> (start: Double, width: Double, count: Int) {
        let marks = [posteriorPercentiles.p05, posteriorPercentiles.p50, posteriorPercentiles.p95,
                     priorPercentiles.p05, priorPercentiles.p95]
        let all = (posterior.values + (prior?.values ?? []) + marks).filter(\.isFinite)
        guard let low = all.min(), let high = all.max() else { return (0, 1, 1) }
        let width = NiceScale(minimum: low, maximum: high, ticks: 26).step
        let start = (low / width).rounded(.down) * width
        return (start, width, max(1, Int(((high - start) / width).rounded(.down)) + 1))
    }

    /// The share of `sample`'s weight in each of the bins (the weights of its defined values
    /// normalised to 1).
    public func shares(_ sample: Sample) -> [Double] {
        let (start, width, count) = bins()
        var out = [Double](repeating: 0, count: count)
        var total = 0.0
        for (x, w) in zip(sample.values, sample.weights) where x.isFinite && w.isFinite && w > 0 {
            out[min(count - 1, max(0, Int(((x - start) / width).rounded(.down))))] += w
            total += w
        }
        return total > 0 ? out.map { $0 / total } : out
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        var frame = ChartFrame(title: title, subtitle: subtitle)
        let priorColour = Palette.colour(3)
        let posteriorColour = Palette.colour(0)
        var legend = [LegendEntry(legendLabels.posterior, .swatch(colour: posteriorColour, opacity: 0.7))]
        if prior != nil { legend.insert(LegendEntry(legendLabels.prior, .swatch(colour: priorColour, opacity: 0.45)), at: 0) }
        legend += [
            LegendEntry(legendLabels.median, .line(colour: Palette.ink, dash: nil)),
            LegendEntry(legendLabels.posteriorPercentiles, .line(colour: Palette.colour(1), dash: "6 4")),
            LegendEntry(legendLabels.priorPercentiles, .line(colour: priorColour, dash: "2 3")),
        ]
        frame.legend(legend)
        let (start, width, count) = bins()
        let priorShares = prior.map(shares) ?? []
        let posteriorShares = shares(posterior)
        let highest = 100 * ((priorShares + posteriorShares).max() ?? 0)
        let y = frame.yAxis(NiceScale(minimum: 0, maximum: max(highest, 1)), title: yTitle)
        let x = frame.xAxis(NiceScale(minimum: start, maximum: start + width * Double(count)), title: xTitle)
        for (shares, colour, opacity) in [(priorShares, priorColour, 0.45), (posteriorShares, posteriorColour, 0.7)] {
            for (i, share) in shares.enumerated() where share > 0 {
                let x0 = x.position(start + width * Double(i))
                let x1 = x.position(start + width * Double(i + 1))
                frame.canvas.rect(x: x0 + 0.5, y: y.position(100 * share), width: x1 - x0 - 1,
                                  height: y.position(0) - y.position(100 * share), fill: colour, opacity: opacity)
            }
        }
        let lines: [(Double, String, Double, String?)] = [
            (priorPercentiles.p05, priorColour, 2, "2 3"), (priorPercentiles.p95, priorColour, 2, "2 3"),
            (posteriorPercentiles.p05, Palette.colour(1), 2, "6 4"), (posteriorPercentiles.p95, Palette.colour(1), 2, "6 4"),
            (posteriorPercentiles.p50, Palette.ink, 2, nil),
        ]
        for (value, colour, lineWidth, dash) in lines where value.isFinite {
            let position = x.position(value)
            frame.canvas.line(x1: position, y1: frame.top, x2: position, y2: frame.bottom, stroke: colour, width: lineWidth,
                              dash: dash)
        }
        return frame.document()
    }
}
