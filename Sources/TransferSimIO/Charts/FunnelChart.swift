// SPDX-License-Identifier: GPL-3.0-or-later

/// The pipeline funnel: one horizontal bar per stage, as long as the results that entered it,
/// split into those that passed, failed technically, were abandoned, left for another region, or
/// were still in the stage at the horizon.
public struct FunnelChart: Sendable {
    /// One stage's mean counts per trial.
    public struct Stage: Sendable {
        public let name: String
        public let entered: Double
        public let passed: Double
        public let failedTechnical: Double
        public let abandoned: Double
        public let outflow: Double

        public init(
            name: String, entered: Double, passed: Double, failedTechnical: Double, abandoned: Double,
            outflow: Double
        ) {
            self.name = name
            self.entered = entered
            self.passed = passed
            self.failedTechnical = failedTechnical
            self.abandoned = abandoned
            self.outflow = outflow
        }

        /// Results still in the stage at the horizon: what entered and did not pass or leave.
        public var stillInStage: Double { max(0, entered - passed - failedTechnical - abandoned - outflow) }
    }

    public var title: String
    public var subtitle: String?
    /// The x axis's title with its unit, e.g. "results per trial (mean)".
    public var axisTitle: String
    public var stages: [Stage]

    public init(title: String, subtitle: String? = nil, axisTitle: String, stages: [Stage]) {
        self.title = title
        self.subtitle = subtitle
        self.axisTitle = axisTitle
        self.stages = stages
    }

    /// The chart as a standalone SVG document.
    public func svg(_ terms: ChartTerms) -> String {
        let colours = [Palette.colour(0), Palette.colour(1), Palette.colour(3), Palette.colour(5), "#BBBBBB"]
        let names = [terms.passed, terms.failedTechnical, terms.abandoned, terms.outflow, terms.stillInStage]
        var frame = ChartFrame(title: title, subtitle: subtitle, leftMargin: ChartFrame.margin(for: stages.map(\.name)))
        frame.legend(zip(names, colours).map { LegendEntry($0.0, .swatch(colour: $0.1, opacity: 1)) })
        // Each bar's total is written just right of it, so the axis reaches far enough past the
        // longest bar to leave room for the widest label inside the chart (a label of 7,997 at the
        // plot's right edge would otherwise be clipped to "7,99").
        let largest = stages.map(\.entered).filter(\.isFinite).max() ?? 1
        let labelRoom =
            (stages.map { ChartFrame.textWidth(ChartNumber.label($0.entered), size: ChartFrame.labelSize) }.max() ?? 0)
            + 6 + 4
        let usable = max(1, frame.plotWidth + (ChartFrame.width - frame.right) - labelRoom)
        let reach = largest * frame.plotWidth / usable
        let x = frame.xAxis(NiceScale(minimum: 0, maximum: max(largest, reach)), title: axisTitle, grid: true)
        let (centres, band) = frame.categoryAxis(stages.map(\.name))
        for (stage, centre) in zip(stages, centres) {
            let parts = [stage.passed, stage.failedTechnical, stage.abandoned, stage.outflow, stage.stillInStage]
            var start = 0.0
            for (index, part) in parts.enumerated() where part.isFinite && part > 0 {
                let x0 = x.position(start)
                let x1 = x.position(start + part)
                frame.canvas.rect(
                    x: x0, y: centre - band * 0.35, width: x1 - x0, height: band * 0.7,
                    fill: colours[index], title: "\(stage.name): \(names[index]) \(ChartNumber.label(part))")
                start += part
            }
            frame.canvas.text(
                ChartNumber.label(stage.entered), x: x.position(start) + 6, y: centre + 5,
                size: ChartFrame.labelSize)
        }
        return frame.document()
    }
}
