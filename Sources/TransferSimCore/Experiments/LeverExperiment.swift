// SPDX-License-Identifier: GPL-3.0-or-later

/// One lever's policy step against the base policy, on the same trials (common random numbers):
/// the paired differences of the key outcomes and the cost of one extra local conversion.
public struct LeverOutcome: Sendable {
    public let step: LeverStep
    /// The paired comparison (step − base) of each of `LeverExperiment.metrics`, in that order.
    public let comparisons: [PairedComparison]
    /// Δ fiscal cost (万元) / Δ local conversions with Fieller's 95 % interval: 万元 per extra local
    /// conversion. Not defined when the interval of Δ local conversions includes 0.
    public let cost: FiellerRatio
    /// The paired comparison of each channel metric the step's expectation names
    /// (`LeverStep.channels`), with the direction the evidence expects.
    public var channels: [(metric: Metric, direction: String, comparison: PairedComparison)] = []

    /// Mean Δ local conversions (step − base) over the trials.
    public var localDiff: Double { cost.denominatorMean }
    /// Mean Δ fiscal cost over the trials, 万元.
    public var costDiff: Double { cost.numeratorMean }

    /// Extra local conversions per 亿元 (10,000 万元) of extra fiscal cost, when the step both
    /// raises local conversions and costs more; nil otherwise.
    public var conversionsPerYi: Double? {
        guard cost.isDefined, localDiff > 0, costDiff > 0 else { return nil }
        return localDiff / costDiff * 10_000
    }

    /// The ranking class: 0 more conversions for less money (dominant), 1 more conversions at a
    /// cost, 2 fewer conversions, 3 ratio not defined (the Δ local conversions interval includes 0).
    public var rankClass: Int {
        guard cost.isDefined else { return 3 }
        if localDiff < 0 { return 2 }
        return costDiff <= 0 ? 0 : 1
    }
}

/// `transfersim levers`: each lever's policy step against the base policy. Pure orchestration of
/// `Simulation` and `PairedComparison`; the only new statistic is `FiellerRatio`.
public enum LeverExperiment {
    /// The key outcomes reported per lever.
    public static let metrics: [Metric] = [
        .convertedLocal, .convertedElsewhere, .fiscalCostTotal, .monthsToConversionMedian,
    ]

    /// The outcome of `step`, from the base run and the step's run over the same trials.
    public static func outcome(_ step: LeverStep, base: RunResult, variant: RunResult) -> LeverOutcome {
        let comparisons = metrics.map {
            PairedComparison(baseline: base.values($0), variant: variant.values($0), direction: $0.betterDirection)
        }
        func differences(_ m: Metric) -> [Double] { zip(variant.values(m), base.values(m)).map { $0 - $1 } }
        let cost = FiellerRatio(numerator: differences(.fiscalCostTotal), denominator: differences(.convertedLocal))
        let channels = step.channels.map { c in
            (c.metric, c.direction,
             PairedComparison(baseline: base.values(c.metric), variant: variant.values(c.metric), direction: c.metric.betterDirection))
        }
        return LeverOutcome(step: step, comparisons: comparisons, cost: cost, channels: channels)
    }

    /// The outcomes ranked for the analyst's question "what buys the most local conversions per
    /// 亿元?": first steps that add local conversions and save money (most conversions first),
    /// then steps that add conversions at a cost, fewest 万元 per extra conversion first (most
    /// conversions per 亿元), then steps that lose conversions (smallest loss first), and last the
    /// steps whose ratio is not defined, in their given order. The order is stable.
    public static func ranked(_ outcomes: [LeverOutcome]) -> [LeverOutcome] {
        outcomes.enumerated().sorted { l, r in
            let a = l.element, b = r.element
            if a.rankClass != b.rankClass { return a.rankClass < b.rankClass }
            switch a.rankClass {
            case 0, 2: if a.localDiff != b.localDiff { return a.localDiff > b.localDiff }
            case 1: if a.cost.ratio != b.cost.ratio { return a.cost.ratio < b.cost.ratio }
            default: break
            }
            return l.offset < r.offset
        }.map(\.element)
    }
}
