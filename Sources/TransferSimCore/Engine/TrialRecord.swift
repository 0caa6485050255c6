// SPDX-License-Identifier: GPL-3.0-or-later

/// Where one trial writes its outputs: a row of metrics, a years × yearly-metrics block and a
/// stages × columns funnel block, all inside the run's preallocated matrices, plus the funds' row
/// and yearly block (and monthly flows when asked for). Writing by trial index makes the outputs
/// independent of which thread ran the trial.
public struct TrialRecord {
    public var metrics: UnsafeMutableBufferPointer<Double>
    public var yearly: UnsafeMutableBufferPointer<Double>
    public var funnel: UnsafeMutableBufferPointer<Double>
    public let years: Int
    /// The funds' columns (`nil`: the funds are not reported, as in tests of other outputs).
    public let fundLayout: FundLayout?
    public var fundMetrics: UnsafeMutableBufferPointer<Double>
    public var fundYearly: UnsafeMutableBufferPointer<Double>
    /// funds × classes × months × (contribution, distribution, NAV); empty unless asked for.
    public var fundFlows: UnsafeMutableBufferPointer<Double>

    public init(metrics: UnsafeMutableBufferPointer<Double>, yearly: UnsafeMutableBufferPointer<Double>,
                funnel: UnsafeMutableBufferPointer<Double>, years: Int, fundLayout: FundLayout? = nil,
                fundMetrics: UnsafeMutableBufferPointer<Double> = .init(start: nil, count: 0),
                fundYearly: UnsafeMutableBufferPointer<Double> = .init(start: nil, count: 0),
                fundFlows: UnsafeMutableBufferPointer<Double> = .init(start: nil, count: 0)) {
        self.metrics = metrics
        self.yearly = yearly
        self.funnel = funnel
        self.years = years
        self.fundLayout = fundLayout
        self.fundMetrics = fundMetrics
        self.fundYearly = fundYearly
        self.fundFlows = fundFlows
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

    /// Copies fund `f`'s monthly flows into the flows block, if one was asked for.
    func recordFlows(_ ledger: FundLedger, fund f: Int) {
        guard fundFlows.count > 0, let layout = fundLayout else { return }
        for c in LPClass.allCases {
            for m in 0..<ledger.months {
                let i = layout.flowIndex(fund: f, c, month: m, months: ledger.months)
                fundFlows[i] = ledger.contributions[c.rawValue][m]
                fundFlows[i + 1] = ledger.distributions[c.rawValue][m]
                fundFlows[i + 2] = ledger.nav[c.rawValue][m]
            }
        }
    }

    func clear() {
        metrics.update(repeating: 0)
        yearly.update(repeating: 0)
        funnel.update(repeating: 0)
        fundMetrics.update(repeating: .nan)
        fundYearly.update(repeating: 0)
        fundFlows.update(repeating: 0)
    }
}
