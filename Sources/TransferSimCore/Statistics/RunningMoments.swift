// SPDX-License-Identifier: GPL-3.0-or-later

/// Count, mean and variance of a stream of values, in constant memory (Welford's algorithm).
///
/// Use it where keeping every per-trial value would cost too much memory. Partial results from
/// separate chunks of trials combine exactly with `merge(_:)` (Chan, Golub and LeVeque's pairwise
/// formula); merge them in trial order so the floating-point result does not depend on the
/// thread count.
///
/// NaN values are skipped, as in `Summary`: NaN means "undefined in that trial".
public struct RunningMoments: Sendable, Equatable {
    /// The number of (non-NaN) values added.
    public private(set) var count: Int = 0
    /// The mean of the values added (0 before the first).
    public private(set) var mean: Double = 0
    /// The sum of squared deviations from the mean, `Σ (x - mean)²` (Welford's `M2`).
    public private(set) var sumOfSquaredDeviations: Double = 0

    /// An empty accumulator.
    public init() {}

    /// An accumulator holding `values` (NaN skipped).
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for value in values { add(value) }
    }

    /// Adds one value; NaN is skipped.
    public mutating func add(_ value: Double) {
        guard !value.isNaN else { return }
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
    }

    /// Adds the values held by `other`, as if they had been added here one by one.
    public mutating func merge(_ other: RunningMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let delta = other.mean - mean
        let weightOfOther = Double(other.count) / Double(total)
        mean += delta * weightOfOther
        sumOfSquaredDeviations += other.sumOfSquaredDeviations
            + delta * delta * Double(count) * weightOfOther
        count = total
    }

    /// This accumulator combined with `other`; see `merge(_:)`.
    public func merged(with other: RunningMoments) -> RunningMoments {
        var result = self
        result.merge(other)
        return result
    }

    /// The sample variance, `M2 / (count - 1)`; NaN with fewer than two values.
    public var variance: Double {
        count < 2 ? .nan : sumOfSquaredDeviations / Double(count - 1)
    }

    /// The sample standard deviation, `√variance`; NaN with fewer than two values.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The standard error of the mean, `standardDeviation / √count`; NaN with fewer than two values.
    public var standardError: Double { standardDeviation / Double(count).squareRoot() }
}
