// SPDX-License-Identifier: GPL-3.0-or-later

/// The bands of a fan chart at one point of a time series: the mean and the 5–95 % and 25–75 %
/// ranges of an output over trials (for example cumulative licence income at month 36).
///
/// A lighter `Summary`: NaN values are left out in the same way, `n` counts the defined values,
/// and percentiles use the same type-7 interpolation. With `n == 0` every statistic is NaN.
/// Equality treats NaN as equal to NaN.
public struct BandSummary: Sendable, Equatable {
    /// The number of defined (non-NaN) values.
    public let n: Int
    /// The arithmetic mean.
    public let mean: Double
    /// The 5th percentile (lower edge of the outer band).
    public let p05: Double
    /// The 25th percentile (lower edge of the inner band).
    public let p25: Double
    /// The median.
    public let p50: Double
    /// The 75th percentile (upper edge of the inner band).
    public let p75: Double
    /// The 95th percentile (upper edge of the outer band).
    public let p95: Double

    /// The bands of per-trial values at one time point, ignoring NaN entries.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        let defined = DefinedValues(values)
        n = defined.count
        mean = defined.meanAndVariance().mean
        p05 = defined.quantile(0.05)
        p25 = defined.quantile(0.25)
        p50 = defined.quantile(0.50)
        p75 = defined.quantile(0.75)
        p95 = defined.quantile(0.95)
    }

    /// The bands of an existing summary (same values, no recomputation).
    public init(_ summary: Summary) {
        n = summary.n
        mean = summary.mean
        p05 = summary.p05
        p25 = summary.p25
        p50 = summary.p50
        p75 = summary.p75
        p95 = summary.p95
    }

    /// Column names for `csvValues`, in the same order.
    public static let csvHeader = ["n", "mean", "p05", "p25", "p50", "p75", "p95"]

    /// The statistics in `csvHeader` order (`n` as a `Double`).
    public var csvValues: [Double] { [Double(n), mean, p05, p25, p50, p75, p95] }

    /// Field-by-field equality in which NaN equals NaN.
    public static func == (lhs: BandSummary, rhs: BandSummary) -> Bool {
        lhs.n == rhs.n && zip(lhs.csvValues, rhs.csvValues).allSatisfy { sameValue($0.0, $0.1) }
    }
}

extension BandSummary {
    /// One band per time point: `series[t]` holds the per-trial values at time point `t`
    /// (NaN where undefined), and the result's element `t` summarises them.
    public static func bands(_ series: [[Double]]) -> [BandSummary] {
        series.map { BandSummary($0) }
    }
}
