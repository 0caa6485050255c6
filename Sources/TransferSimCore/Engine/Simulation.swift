// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Synchronization

/// How many trials to run, from which seed, on how many threads.
public struct RunConfiguration: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var threads: Int
    /// Index of the first trial (shards of a larger run start elsewhere).
    public var firstTrial: Int
    /// Whether to keep every trial's monthly fund flows (`fund_flows.csv`).
    public var fundFlows: Bool

    public init(trials: Int, seed: UInt64, threads: Int = 1, firstTrial: Int = 0, fundFlows: Bool = false) {
        self.trials = trials
        self.seed = seed
        self.threads = max(1, threads)
        self.firstTrial = firstTrial
        self.fundFlows = fundFlows
    }
}

/// Every trial's outputs, in trial order: memory grows with trials × metrics, never with results.
public struct RunResult: Sendable {
    public let trials: Int
    public let years: Int
    public let firstTrial: Int
    /// trials × `Metric.allCases.count`.
    public let metrics: [Double]
    /// trials × years × `YearlyMetric.allCases.count`.
    public let yearly: [Double]
    /// trials × `FunnelStage.allCases.count` × `FunnelColumn.allCases.count`.
    public let funnel: [Double]
    /// Events handled across all trials (arrivals included).
    public let events: Int
    /// The funds' per-trial columns and yearly blocks.
    public let fundLayout: FundLayout
    /// trials × `fundLayout.columns.count`.
    public let fundMetrics: [Double]
    /// trials × `fundLayout.yearlyWidth`.
    public let fundYearly: [Double]
    /// trials × funds × classes × months × 3 (contribution, distribution, NAV), or empty.
    public let fundFlows: [Double]
    /// The values each trial drew for the uncertain parameters (`DrawLayout`); empty without any.
    public let drawLayout: DrawLayout
    /// trials × `drawLayout.count`.
    public let draws: [Double]
    /// Months in the horizon (the length of the monthly fund flows).
    public var months: Int { years * 12 }

    /// One fund column across trials, in trial order.
    public func fundValues(column: Int) -> [Double] {
        let width = fundLayout.columns.count
        return (0..<trials).map { fundMetrics[$0 * width + column] }
    }

    /// One fund's yearly figure across trials.
    public func fundValues(fund: Int, _ c: LPClass, year: Int, _ y: FundYearly) -> [Double] {
        let width = fundLayout.yearlyWidth, index = fundLayout.yearlyIndex(fund: fund, c, year: year, y)
        return (0..<trials).map { fundYearly[$0 * width + index] }
    }

    /// One metric across trials, in trial order.
    public func values(_ m: Metric) -> [Double] {
        let width = Metric.allCases.count
        return (0..<trials).map { metrics[$0 * width + m.rawValue] }
    }

    public func value(_ m: Metric, trial: Int) -> Double { metrics[trial * Metric.allCases.count + m.rawValue] }

    /// Drawn value `column` of `drawLayout` in trial `trial` (counted from `firstTrial`).
    public func draw(_ column: Int, trial: Int) -> Double { draws[trial * drawLayout.count + column] }

    public init(trials: Int, years: Int, firstTrial: Int, metrics: [Double], yearly: [Double], funnel: [Double], events: Int,
                fundLayout: FundLayout, fundMetrics: [Double], fundYearly: [Double], fundFlows: [Double],
                drawLayout: DrawLayout = .empty, draws: [Double] = []) {
        precondition(draws.count == trials * drawLayout.count, "a draw per trial and column")
        self.trials = trials
        self.years = years
        self.firstTrial = firstTrial
        self.metrics = metrics
        self.yearly = yearly
        self.funnel = funnel
        self.events = events
        self.fundLayout = fundLayout
        self.fundMetrics = fundMetrics
        self.fundYearly = fundYearly
        self.fundFlows = fundFlows
        self.drawLayout = drawLayout
        self.draws = draws
    }

    /// One yearly metric in one year, across trials.
    public func values(_ m: YearlyMetric, year: Int) -> [Double] {
        let width = years * YearlyMetric.allCases.count
        return (0..<trials).map { yearly[$0 * width + year * YearlyMetric.allCases.count + m.rawValue] }
    }

    /// One funnel cell across trials.
    public func values(_ stage: FunnelStage, _ column: FunnelColumn) -> [Double] {
        let width = FunnelStage.allCases.count * FunnelColumn.allCases.count
        return (0..<trials).map { funnel[$0 * width + stage.rawValue * FunnelColumn.allCases.count + column.rawValue] }
    }
}

/// Runs many trials of a resolved scenario in parallel.
public enum Simulation {
    /// Trials per unit of work: fixed, so the split never depends on the number of threads.
    static let chunk = 16

    /// Runs `configuration.trials` trials. Each trial's outputs depend only on (seed, trial index,
    /// parameters), and are written at the trial's row, so results are byte-identical for any
    /// thread count. `progress` is called with the number of trials done so far.
    public static func run(_ resolved: ResolvedParameters, _ configuration: RunConfiguration,
                           progress: (@Sendable (Int) -> Void)? = nil) -> RunResult {
        let trials = configuration.trials
        let years = Int(resolved.centralValue("region.time.horizon_years"))
        let metricWidth = Metric.allCases.count
        let yearlyWidth = years * YearlyMetric.allCases.count
        let funnelWidth = FunnelStage.allCases.count * FunnelColumn.allCases.count
        let varies = resolved.hasDistributions
        // A policy that follows a schedule: the parameters as they stand from each change's year,
        // taking over at its start (month 12·(year − 1)).
        let changes = scheduledParameters(resolved)
        let layout = FundLayout(funds: resolved.catalogue.funds, years: years)
        let fundWidth = layout.columns.count, fundYearlyWidth = layout.yearlyWidth
        let flowWidth = configuration.fundFlows ? layout.flowWidth(months: 12 * years) : 0
        // The uncertain parameters' values, as each trial drew them; a scheduled one's later dates
        // come from the parameter sets of the years they change in.
        let drawLayout = DrawLayout(resolved)
        let drawWidth = drawLayout.count
        let drawSources = drawLayout.columns.map { column in
            (entry: column.entry, change: column.year == 1 ? nil : resolved.changeYears.firstIndex(of: column.year))
        }

        let metrics = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * metricWidth, 1))
        let yearly = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * yearlyWidth, 1))
        let funnel = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * funnelWidth, 1))
        let fundMetrics = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * fundWidth, 1))
        let fundYearly = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * fundYearlyWidth, 1))
        let fundFlows = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * flowWidth, 1))
        let draws = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(trials * drawWidth, 1))
        defer {
            draws.deallocate()
            metrics.deallocate()
            yearly.deallocate()
            funnel.deallocate()
            fundMetrics.deallocate()
            fundYearly.deallocate()
            fundFlows.deallocate()
        }
        let shared = SharedBuffers(metrics: metrics, yearly: yearly, funnel: funnel, fundMetrics: fundMetrics,
                                   fundYearly: fundYearly, fundFlows: fundFlows, draws: draws)
        let work = WorkCounter()
        let chunks = (trials + chunk - 1) / chunk
        let threads = min(configuration.threads, max(chunks, 1))

        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let simulator = TrialSimulator(seed: configuration.seed)
            // Each worker builds its own parameters: shared array buffers would make every read a
            // reference-count write contended between cores.
            let fixed: ModelParameters? = varies
                ? nil : ModelParameters(catalogue: resolved.catalogue, values: resolved.centralValues)
            let fixedChanges: [PolicyChange]? = varies ? nil : changes.map {
                PolicyChange(month: $0.month, parameters: ModelParameters(catalogue: resolved.catalogue, values: $0.parameters.centralValues))
            }
            while true {
                let c = work.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard c < chunks else { break }
                for local in (c * chunk)..<min((c + 1) * chunk, trials) {
                    let trial = UInt32(configuration.firstTrial + local)
                    let drawn = fixed == nil ? resolved.draw(trial: trial, random: simulator.random) : []
                    let parameters = fixed ?? ModelParameters(catalogue: resolved.catalogue, values: drawn)
                    let record = TrialRecord(
                        metrics: shared.slice(\.metrics, local, metricWidth),
                        yearly: shared.slice(\.yearly, local, yearlyWidth),
                        funnel: shared.slice(\.funnel, local, funnelWidth),
                        years: years, fundLayout: layout,
                        fundMetrics: shared.slice(\.fundMetrics, local, fundWidth),
                        fundYearly: shared.slice(\.fundYearly, local, fundYearlyWidth),
                        fundFlows: shared.slice(\.fundFlows, local, flowWidth))
                    let changeValues = fixedChanges == nil ? changeDraws(changes, trial: trial, random: simulator.random) : []
                    let trialChanges = fixedChanges ?? policyChanges(changes, values: changeValues)
                    if drawWidth > 0 {
                        let row = shared.slice(\.draws, local, drawWidth)
                        for (k, source) in drawSources.enumerated() {
                            row[k] = source.change.map { changeValues[$0][source.entry] } ?? drawn[source.entry]
                        }
                    }
                    simulator.run(trial: trial, parameters: parameters, changes: trialChanges, into: record)
                }
                let done = work.done.wrappingAdd(min((c + 1) * chunk, trials) - c * chunk, ordering: .relaxed).newValue
                progress?(done)
            }
            work.events.wrappingAdd(simulator.eventsProcessed, ordering: .relaxed)
        }
        return RunResult(trials: trials, years: years, firstTrial: configuration.firstTrial,
                         metrics: Array(metrics.prefix(trials * metricWidth)),
                         yearly: Array(yearly.prefix(trials * yearlyWidth)),
                         funnel: Array(funnel.prefix(trials * funnelWidth)),
                         events: work.events.load(ordering: .relaxed), fundLayout: layout,
                         fundMetrics: Array(fundMetrics.prefix(trials * fundWidth)),
                         fundYearly: Array(fundYearly.prefix(trials * fundYearlyWidth)),
                         fundFlows: Array(fundFlows.prefix(trials * flowWidth)),
                         drawLayout: drawLayout, draws: Array(draws.prefix(trials * drawWidth)))
    }
}

extension Simulation {
    /// When a policy follows a schedule: the parameters as they stand from each year in which a
    /// value changes, taking over at its start (month 12·(year − 1)). Empty otherwise.
    static func scheduledParameters(_ resolved: ResolvedParameters) -> [(month: Double, parameters: ResolvedParameters)] {
        resolved.changeYears.map { (month: Double(12 * ($0 - 1)), parameters: resolved.inYear($0)) }
    }

    /// One trial's later parameter sets, each drawn like the first (a distribution from the
    /// parameter's own stream, so a value reached by a schedule is the one an always-on policy draws).
    static func policyChanges(_ scheduled: [(month: Double, parameters: ResolvedParameters)], trial: UInt32,
                              random: RandomSource) -> [PolicyChange] {
        policyChanges(scheduled, values: changeDraws(scheduled, trial: trial, random: random))
    }

    /// The values of each later parameter set in one trial.
    static func changeDraws(_ scheduled: [(month: Double, parameters: ResolvedParameters)], trial: UInt32,
                            random: RandomSource) -> [[Double]] {
        scheduled.map { $0.parameters.draw(trial: trial, random: random) }
    }

    static func policyChanges(_ scheduled: [(month: Double, parameters: ResolvedParameters)], values: [[Double]]) -> [PolicyChange] {
        zip(scheduled, values).map { PolicyChange(month: $0.month, parameters: ModelParameters(catalogue: $0.parameters.catalogue, values: $1)) }
    }

}

/// Counters shared by the worker threads.
private final class WorkCounter: Sendable {
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let events = Atomic<Int>(0)
}

/// The run's output matrices. Workers write disjoint rows (one per trial), so sharing is safe.
private struct SharedBuffers: @unchecked Sendable {
    let metrics: UnsafeMutableBufferPointer<Double>
    let yearly: UnsafeMutableBufferPointer<Double>
    let funnel: UnsafeMutableBufferPointer<Double>
    let fundMetrics: UnsafeMutableBufferPointer<Double>
    let fundYearly: UnsafeMutableBufferPointer<Double>
    let fundFlows: UnsafeMutableBufferPointer<Double>
    let draws: UnsafeMutableBufferPointer<Double>

    func slice(_ buffer: KeyPath<SharedBuffers, UnsafeMutableBufferPointer<Double>>, _ row: Int, _ width: Int)
        -> UnsafeMutableBufferPointer<Double> {
        let b = self[keyPath: buffer]
        return UnsafeMutableBufferPointer(rebasing: b[(row * width)..<((row + 1) * width)])
    }
}

extension RunResult {
    /// This run followed by `next`, whose trials continue this run's (same horizon): how batches of
    /// a convergence run are joined. The joined result equals one run over all the trials.
    public func appending(_ next: RunResult) -> RunResult {
        precondition(next.years == years && next.firstTrial == firstTrial + trials, "batches must be consecutive")
        return RunResult(trials: trials + next.trials, years: years, firstTrial: firstTrial,
                         metrics: metrics + next.metrics, yearly: yearly + next.yearly, funnel: funnel + next.funnel,
                         events: events + next.events, fundLayout: fundLayout,
                         fundMetrics: fundMetrics + next.fundMetrics, fundYearly: fundYearly + next.fundYearly,
                         fundFlows: fundFlows + next.fundFlows, drawLayout: drawLayout, draws: draws + next.draws)
    }
}
