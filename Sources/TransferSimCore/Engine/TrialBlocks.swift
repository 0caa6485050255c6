// SPDX-License-Identifier: GPL-3.0-or-later

extension RunResult {
    /// The number of values one trial contributes (`trialValues(_:)`): its metrics, yearly block,
    /// funnel block, fund columns, fund yearly block and drawn values, without the monthly fund flows.
    public static func trialWidth(years: Int, layout: FundLayout, draws: DrawLayout = .empty) -> Int {
        Metric.allCases.count + years * YearlyMetric.allCases.count
            + FunnelStage.allCases.count * FunnelColumn.allCases.count + layout.columns.count + layout.yearlyWidth
            + draws.count
    }

    /// Every value of trial `local` (counted from `firstTrial`) in the order of `trialWidth`: what a
    /// shard keeps of each trial so that a merge can compute every statistic over all trials.
    public func trialValues(_ local: Int) -> [Double] {
        var row: [Double] = []
        row.reserveCapacity(Self.trialWidth(years: years, layout: fundLayout, draws: drawLayout))
        func add(_ source: [Double], _ width: Int) { row += source[(local * width)..<((local + 1) * width)] }
        add(metrics, Metric.allCases.count)
        add(yearly, years * YearlyMetric.allCases.count)
        add(funnel, FunnelStage.allCases.count * FunnelColumn.allCases.count)
        add(fundMetrics, fundLayout.columns.count)
        add(fundYearly, fundLayout.yearlyWidth)
        add(draws, drawLayout.count)
        return row
    }

    /// A result rebuilt from its trials' `trialValues`, in trial order from `firstTrial` (the
    /// inverse of `trialValues`; no fund flows, `events` as given).
    public init(years: Int, firstTrial: Int, fundLayout: FundLayout, drawLayout: DrawLayout = .empty, trialValues rows: [[Double]],
                events: Int = 0) {
        var accumulator = RunAccumulator(years: years, firstTrial: firstTrial, fundLayout: fundLayout, drawLayout: drawLayout,
                                         reservingTrials: rows.count)
        for row in rows { accumulator.append(trialValues: row) }
        self = accumulator.result(events: events)
    }
}

/// Joins consecutive trials or blocks of trials into one `RunResult` (in place, so joining many
/// blocks costs no more than their size), leaving out the monthly fund flows, which a streaming
/// run writes out block by block instead of keeping.
public struct RunAccumulator: Sendable {
    public let years: Int
    public let firstTrial: Int
    public let fundLayout: FundLayout
    public let drawLayout: DrawLayout
    public private(set) var trials = 0
    private var metrics: [Double] = []
    private var yearly: [Double] = []
    private var funnel: [Double] = []
    private var fundMetrics: [Double] = []
    private var fundYearly: [Double] = []
    private var draws: [Double] = []
    private var events = 0

    /// An empty accumulator; `reservingTrials` (when the total is known) allocates the arrays once
    /// at their final size, so that joining blocks never holds a grown copy beside the old one.
    public init(years: Int, firstTrial: Int, fundLayout: FundLayout, drawLayout: DrawLayout = .empty,
                reservingTrials total: Int = 0) {
        self.years = years
        self.firstTrial = firstTrial
        self.fundLayout = fundLayout
        self.drawLayout = drawLayout
        draws.reserveCapacity(total * drawLayout.count)
        metrics.reserveCapacity(total * Metric.allCases.count)
        yearly.reserveCapacity(total * years * YearlyMetric.allCases.count)
        funnel.reserveCapacity(total * FunnelStage.allCases.count * FunnelColumn.allCases.count)
        fundMetrics.reserveCapacity(total * fundLayout.columns.count)
        fundYearly.reserveCapacity(total * fundLayout.yearlyWidth)
    }

    /// Appends `block`, whose first trial must follow the last one appended.
    public mutating func append(_ block: RunResult) {
        precondition(block.years == years && block.firstTrial == firstTrial + trials && block.drawLayout == drawLayout,
                     "blocks must be consecutive")
        metrics += block.metrics
        yearly += block.yearly
        funnel += block.funnel
        fundMetrics += block.fundMetrics
        fundYearly += block.fundYearly
        draws += block.draws
        events += block.events
        trials += block.trials
    }

    /// Appends one trial given by its `RunResult.trialValues`.
    public mutating func append(trialValues row: [Double]) {
        var at = 0
        func take(_ target: inout [Double], _ width: Int) {
            target += row[at..<(at + width)]
            at += width
        }
        precondition(row.count == RunResult.trialWidth(years: years, layout: fundLayout, draws: drawLayout),
                     "a trial row of the wrong width")
        take(&metrics, Metric.allCases.count)
        take(&yearly, years * YearlyMetric.allCases.count)
        take(&funnel, FunnelStage.allCases.count * FunnelColumn.allCases.count)
        take(&fundMetrics, fundLayout.columns.count)
        take(&fundYearly, fundLayout.yearlyWidth)
        take(&draws, drawLayout.count)
        trials += 1
    }

    /// The joined result (no fund flows).
    public func result(events extra: Int = 0) -> RunResult {
        RunResult(trials: trials, years: years, firstTrial: firstTrial, metrics: metrics, yearly: yearly, funnel: funnel,
                  events: events + extra, fundLayout: fundLayout, fundMetrics: fundMetrics, fundYearly: fundYearly,
                  fundFlows: [], drawLayout: drawLayout, draws: draws)
    }
}

extension Simulation {
    /// The trials of one block of a streaming run: enough chunks to keep every thread busy, few
    /// enough that a block's monthly fund flows stay a few MiB.
    public static func blockTrials(threads: Int) -> Int { chunk * 2 * max(1, threads) }

    /// Runs `configuration.trials` trials as consecutive blocks of `blockTrials` trials, each spread
    /// over the threads, handing each finished block to `each` in trial order (with its fund flows,
    /// when asked for), and returns the joined result without fund flows. Memory for the flows is
    /// bounded by one block; the result equals `run(_:_:progress:)` but for `fundFlows`, for any
    /// block size and thread count, since each trial depends only on the seed and its index.
    public static func runInBlocks<Failure: Error>(_ resolved: ResolvedParameters, _ configuration: RunConfiguration,
                                                   blockTrials: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                                   each: (RunResult) throws(Failure) -> Void) throws(Failure) -> RunResult {
        let years = Int(resolved.centralValue("region.time.horizon_years"))
        var accumulator = RunAccumulator(years: years, firstTrial: configuration.firstTrial,
                                         fundLayout: FundLayout(funds: resolved.catalogue.funds, years: years),
                                         drawLayout: DrawLayout(resolved), reservingTrials: configuration.trials)
        let step = max(1, blockTrials)
        var start = 0
        while start < configuration.trials {
            var block = configuration
            block.firstTrial = configuration.firstTrial + start
            block.trials = min(step, configuration.trials - start)
            var blockProgress: (@Sendable (Int) -> Void)?
            if let progress {
                let offset = start
                blockProgress = { done in progress(offset + done) }
            }
            let result = run(resolved, block, progress: blockProgress)
            try each(result)
            accumulator.append(result)
            start += block.trials
        }
        return accumulator.result()
    }
}
