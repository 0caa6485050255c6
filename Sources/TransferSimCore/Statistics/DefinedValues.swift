// SPDX-License-Identifier: GPL-3.0-or-later

/// The defined (non-NaN) values of a per-trial output, sorted ascending: the common first step of
/// `Summary` and `BandSummary`. NaN means "undefined in that trial" (a ratio with a zero
/// denominator, a time to an event that never happened) and is left out of every statistic.
struct DefinedValues {
    /// The non-NaN values in ascending order.
    let sorted: [Double]

    init<S: Sequence>(_ values: S) where S.Element == Double {
        var defined = values.filter { !$0.isNaN }
        defined.sort()
        sorted = defined
    }

    var count: Int { sorted.count }

    /// The type-7 quantile at level `p`; NaN when there are no values.
    func quantile(_ p: Double) -> Double {
        TransferSimCore.quantile(sorted: sorted, p)
    }

    /// The mean and the sample variance (divisor `n - 1`), by the corrected two-pass algorithm
    /// (Chan, Golub and LeVeque 1983): the first pass gives the mean, refined by the mean residual;
    /// the second sums squared deviations minus the rounding-error term `(Σ d)² / n`.
    ///
    /// The mean is NaN with no values, the variance NaN with fewer than two. When every value is
    /// the same the mean is that value exactly and the variance exactly 0.
    func meanAndVariance() -> (mean: Double, variance: Double) {
        let n = sorted.count
        guard let first = sorted.first, let last = sorted.last else { return (.nan, .nan) }
        if first == last { return (first, n > 1 ? 0 : .nan) }

        let count = Double(n)
        var sum = 0.0
        for x in sorted { sum += x }
        var mean = sum / count
        var residual = 0.0
        for x in sorted { residual += x - mean }
        mean += residual / count
        if mean.isFinite { mean = min(max(mean, first), last) }  // rounding never leaves the range

        var squares = 0.0
        var deviations = 0.0
        for x in sorted {
            let d = x - mean
            squares += d * d
            deviations += d
        }
        // Here n >= 2 (first != last). A tiny negative sum from rounding means 0; NaN stays NaN.
        let sumOfSquares = squares - deviations * deviations / count
        return (mean, sumOfSquares < 0 ? 0 : sumOfSquares / (count - 1))
    }
}
