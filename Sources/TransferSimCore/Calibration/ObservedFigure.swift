// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// How figures over a window of simulated years are combined.
public enum WindowStatistic: String, Sendable, CaseIterable {
    /// The mean per year over the window (an annual figure).
    case mean
    /// The total over the window.
    case sum
}

/// The model quantity an observed figure is compared with, from one simulated history.
public enum ObservedQuantity: Sendable, Equatable {
    /// A per-trial metric over the whole horizon (`summary.csv`'s metrics).
    case metric(Metric)
    /// One whole-horizon metric per another (a ratio that names its numerator and denominator,
    /// e.g. contract value per contract); undefined (NaN) when the denominator is 0.
    case ratio(Metric, per: Metric)
    /// A yearly metric over simulated years `first`…`last` (1-based, inclusive).
    case yearly(YearlyMetric, first: Int, last: Int, statistic: WindowStatistic)
    /// A funnel cell over the whole horizon: results that entered or passed a stage, or left it.
    case funnel(FunnelStage, FunnelColumn)

    /// The quantity in one simulated history.
    public func value(in record: TrialRecord) -> Double {
        switch self {
        case let .metric(m):
            return record.metrics[m.rawValue]
        case let .ratio(m, per):
            let d = record.metrics[per.rawValue]
            return d != 0 ? record.metrics[m.rawValue] / d : .nan
        case let .yearly(m, first, last, statistic):
            var total = 0.0
            for year in (first - 1)..<last { total += record.yearly[year * YearlyMetric.count + m.rawValue] }
            return statistic == .sum ? total : total / Double(last - first + 1)
        case let .funnel(stage, column):
            return record.funnel[stage.rawValue * FunnelColumn.count + column.rawValue]
        }
    }

    /// Why this quantity cannot be read from a horizon of `years` years, if it cannot.
    public func problem(horizonYears years: Int) -> String? {
        guard case let .yearly(_, first, last, _) = self else { return nil }
        if first < 1 || last < first { return "the window years \(first)…\(last) must satisfy 1 ≤ first ≤ last" }
        if last > years { return "the window years \(first)…\(last) reaches past the scenario's horizon of \(years) years" }
        return nil
    }

    /// A short description, e.g. `contracts, mean per year of years 6–10`.
    public var description: String {
        switch self {
        case let .metric(m): return m.name
        case let .ratio(m, per): return "\(m.name) per \(per.name)"
        case let .yearly(m, first, last, statistic):
            return "\(m.name), \(statistic == .mean ? "mean per year" : "total") of years \(first)–\(last)"
        case let .funnel(stage, column): return "funnel \(stage.name) \(column.name)"
        }
    }
}

/// A figure a region has observed, mapped to a model quantity, with its uncertainty and source.
public struct ObservedFigure: Sendable, Equatable {
    /// A short identifier (the observed file's `name`), used as a column and row name.
    public let name: String
    /// What it is, for readers (may hold Chinese).
    public let label: String
    public let quantity: ObservedQuantity
    public let value: Double
    /// Standard error or tolerance, in the figure's units (> 0): the distance's scale.
    public let uncertainty: Double
    /// Where the figure comes from (a seed document, CALIBRATION.md row).
    public let source: String
    public let origin: Origin?

    public init(name: String, label: String = "", quantity: ObservedQuantity, value: Double, uncertainty: Double,
                source: String = "", origin: Origin? = nil) {
        self.name = name
        self.label = label
        self.quantity = quantity
        self.value = value
        self.uncertainty = uncertainty
        self.source = source
        self.origin = origin
    }
}
