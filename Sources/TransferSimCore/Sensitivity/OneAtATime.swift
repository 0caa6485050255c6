// SPDX-License-Identifier: GPL-3.0-or-later

/// The one-at-a-time "tornado" analysis: each parameter in turn is set to its low and then its high
/// value, every other input staying at the base case, and the output is compared with the base
/// case's on the same trials (common random numbers: the same seed and trial indices), so each
/// delta's interval is the paired one and narrow.
///
/// Points, in order: the base case, then for each parameter `i` its low and its high point
/// (`1 + 2k` points).
public enum OneAtATime {
    /// The change of the output when one parameter goes to its low or its high value.
    public struct Bar: Sendable, Equatable {
        /// `output(low) − output(base)`, paired over trials, with its 95 % t interval.
        public let low: PairedComparison
        /// `output(high) − output(base)`, paired over trials.
        public let high: PairedComparison

        /// The bar's length, `|high − low|`: how tornado charts rank parameters.
        public var swing: Double { abs(high.diff - low.diff) }
    }

    /// The number of points for `parameters` parameters: `1 + 2k`.
    public static func pointCount(parameters: Int) -> Int { 1 + 2 * parameters }

    /// Which parameter point `point` moves and to which end (`nil` for the base case).
    public static func move(at point: Int) -> (parameter: Int, high: Bool)? {
        point == 0 ? nil : ((point - 1) / 2, (point - 1) % 2 == 1)
    }

    /// The points as full parameter vectors: `base` with one coordinate at `low[i]` or `high[i]`.
    public static func points(base: [Double], low: [Double], high: [Double]) -> [[Double]] {
        (0..<pointCount(parameters: base.count)).map { p in
            var x = base
            if let (i, isHigh) = move(at: p) { x[i] = isHigh ? high[i] : low[i] }
            return x
        }
    }

    /// The bars from per-trial outputs: `perTrial[p]` holds point `p`'s output on each trial, in the
    /// same trial order for every point. Trials where a value is undefined are left out of that pair.
    public static func analyse(perTrial: [[Double]]) throws(SensitivityProblem) -> [Bar] {
        guard perTrial.count % 2 == 1, let base = perTrial.first else {
            throw SensitivityProblem("a one-at-a-time analysis has 1 + 2k points, not \(perTrial.count)")
        }
        guard perTrial.allSatisfy({ $0.count == base.count }) else {
            throw SensitivityProblem("every one-at-a-time point must be run on the same trials")
        }
        return stride(from: 1, to: perTrial.count, by: 2).map { p in
            Bar(low: PairedComparison(baseline: base, variant: perTrial[p], direction: .none),
                high: PairedComparison(baseline: base, variant: perTrial[p + 1], direction: .none))
        }
    }

    /// Runs `model(x, trial)` at every point for trials `0..<trials` and analyses the outputs.
    /// `model` must use common random numbers: the same trial index gives the same luck.
    public static func analyse(base: [Double], low: [Double], high: [Double], trials: Int,
                               model: ([Double], Int) -> Double) throws(SensitivityProblem) -> [Bar] {
        guard low.count == base.count, high.count == base.count else {
            throw SensitivityProblem("low, high and base need one value per parameter")
        }
        let perTrial = points(base: base, low: low, high: high).map { x in (0..<trials).map { model(x, $0) } }
        return try analyse(perTrial: perTrial)
    }
}
