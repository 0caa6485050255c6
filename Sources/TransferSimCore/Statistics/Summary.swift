// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The distribution of one output over Monte Carlo trials: how many trials defined it, its mean
/// with a 95 % confidence interval, its spread, and its percentiles.
///
/// NaN values are left out (NaN means "undefined in that trial", e.g. a ratio whose denominator
/// was zero); `n` counts the defined values only. Infinite values are kept, and then make the
/// mean and spread infinite or NaN. The units are those of the values.
///
/// - `sd` is the sample standard deviation (divisor `n - 1`) and `se = sd / √n` the standard error
///   of the mean.
/// - `ciLow ... ciHigh` is `mean ± t(0.975, n - 1) · se`, Student's t interval for the mean: it
///   measures Monte Carlo noise in the mean, not the spread of outcomes (see the percentiles).
/// - Percentiles interpolate linearly between order statistics (Hyndman–Fan type 7, as
///   `numpy.percentile`); see `quantile(sorted:_:)`.
///
/// Edge cases: with `n == 0` every statistic is NaN; with `n == 1` the mean, extremes and
/// percentiles are the single value and `sd`, `se` and the interval are NaN; when all values are
/// equal `sd == 0` and the interval is `[mean, mean]`.
///
/// Equality treats NaN as equal to NaN, field by field, so two summaries of the same data compare
/// equal even where a statistic is undefined.
public struct Summary: Sendable, Equatable {
    /// The confidence level of `ciLow ... ciHigh`.
    public static let confidenceLevel = 0.95

    /// The number of defined (non-NaN) values.
    public let n: Int
    /// The arithmetic mean.
    public let mean: Double
    /// The sample standard deviation (divisor `n - 1`).
    public let sd: Double
    /// The standard error of the mean, `sd / √n`.
    public let se: Double
    /// The lower end of the 95 % confidence interval of the mean.
    public let ciLow: Double
    /// The upper end of the 95 % confidence interval of the mean.
    public let ciHigh: Double
    /// The 5th percentile.
    public let p05: Double
    /// The 25th percentile (lower quartile).
    public let p25: Double
    /// The median.
    public let p50: Double
    /// The 75th percentile (upper quartile).
    public let p75: Double
    /// The 95th percentile.
    public let p95: Double
    /// The smallest value.
    public let min: Double
    /// The largest value.
    public let max: Double

    /// Summarises per-trial values, ignoring NaN entries.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        let defined = DefinedValues(values)
        let n = defined.count
        let (mean, variance) = defined.meanAndVariance()
        let sd = variance.squareRoot()
        let se = n > 0 ? sd / Double(n).squareRoot() : .nan
        let halfWidth = n > 1 ? Summary.studentT(degreesOfFreedom: n - 1) * se : .nan

        self.n = n
        self.mean = mean
        self.sd = sd
        self.se = se
        // With sd == 0 the half-width is exactly 0, so the interval collapses to [mean, mean].
        self.ciLow = mean - halfWidth
        self.ciHigh = mean + halfWidth
        self.p05 = defined.quantile(0.05)
        self.p25 = defined.quantile(0.25)
        self.p50 = defined.quantile(0.50)
        self.p75 = defined.quantile(0.75)
        self.p95 = defined.quantile(0.95)
        self.min = defined.sorted.first ?? .nan
        self.max = defined.sorted.last ?? .nan
    }

    /// The two-sided `confidenceLevel` quantile of Student's t, `t((1 + level) / 2, ν)` (GSL).
    static func studentT(degreesOfFreedom: Int) -> Double {
        gsl_cdf_tdist_Pinv((1 + confidenceLevel) / 2, Double(degreesOfFreedom))
    }

    /// Field-by-field equality in which NaN equals NaN.
    public static func == (lhs: Summary, rhs: Summary) -> Bool {
        lhs.n == rhs.n && zip(lhs.csvValues, rhs.csvValues).allSatisfy { sameValue($0.0, $0.1) }
    }
}

extension Summary {
    /// Column names for `csvValues`, in the same order.
    public static let csvHeader = [
        "n", "mean", "sd", "se", "ci_low", "ci_high", "p05", "p25", "p50", "p75", "p95", "min", "max",
    ]

    /// The statistics in `csvHeader` order (`n` as a `Double`).
    public var csvValues: [Double] {
        [Double(n), mean, sd, se, ciLow, ciHigh, p05, p25, p50, p75, p95, min, max]
    }
}

/// `true` when both are NaN or both are equal: equality for statistics that may be undefined.
@inline(__always)
func sameValue(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN)
}
