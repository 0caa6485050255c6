// SPDX-License-Identifier: GPL-3.0-or-later

/// Where one trial writes its outputs: a row of metrics, a years × yearly-metrics block and a
/// stages × columns funnel block, all inside the run's preallocated matrices. Writing by trial index
/// makes the outputs independent of which thread ran the trial.
public struct TrialRecord {
    public var metrics: UnsafeMutableBufferPointer<Double>
    public var yearly: UnsafeMutableBufferPointer<Double>
    public var funnel: UnsafeMutableBufferPointer<Double>
    public let years: Int

    public init(metrics: UnsafeMutableBufferPointer<Double>, yearly: UnsafeMutableBufferPointer<Double>,
                funnel: UnsafeMutableBufferPointer<Double>, years: Int) {
        self.metrics = metrics
        self.yearly = yearly
        self.funnel = funnel
        self.years = years
    }

    @inlinable subscript(_ m: Metric) -> Double {
        get { metrics[m.rawValue] }
        nonmutating set { metrics[m.rawValue] = newValue }
    }

    @inlinable func add(_ m: Metric, _ x: Double) { metrics[m.rawValue] += x }

    @inlinable func addYearly(_ m: YearlyMetric, year: Int, _ x: Double) {
        yearly[year * YearlyMetric.count + m.rawValue] += x
    }

    @inlinable func addFunnel(_ stage: FunnelStage, _ column: FunnelColumn) {
        funnel[stage.rawValue * FunnelColumn.count + column.rawValue] += 1
    }

    func clear() {
        metrics.update(repeating: 0)
        yearly.update(repeating: 0)
        funnel.update(repeating: 0)
    }
}
