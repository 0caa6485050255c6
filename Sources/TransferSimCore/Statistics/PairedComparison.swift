// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// A variant against the baseline on the same trials (common random numbers): the mean of the
/// per-trial differences `variant − baseline` with its 95 % Student t interval, the relative
/// difference, and the share of trials in which the variant did better.
///
/// Trials in which either value is NaN (a ratio undefined in that trial) are left out: `n` counts
/// the pairs used. Because both policies see the same luck on a trial, the differences vary far
/// less than either policy's outcomes, and the paired interval is much narrower than the unpaired
/// (Welch) interval of `unpaired(baseline:variant:)`, which ignores the pairing.
public struct PairedComparison: Sendable, Equatable {
    /// Trials where both values are defined.
    public let n: Int
    /// Mean of the baseline over those trials.
    public let baselineMean: Double
    /// Mean of `variant − baseline` over those trials.
    public let diff: Double
    /// Lower end of the 95 % t interval of `diff` (from the paired differences).
    public let diffLow: Double
    /// Upper end of the 95 % t interval of `diff`.
    public let diffHigh: Double
    /// `diff / baselineMean` (NaN when the baseline mean is 0).
    public let relativeDiff: Double
    /// Share of the pairs in which the variant is strictly better in `direction`; NaN for
    /// `BetterDirection.none` or no pairs.
    public let pBetter: Double

    /// Compares per-trial values given in the same trial order.
    public init(baseline: [Double], variant: [Double], direction: BetterDirection) {
        precondition(baseline.count == variant.count, "paired values need the same trials")
        var differences: [Double] = []
        var base: [Double] = []
        var better = 0
        for (b, v) in zip(baseline, variant) where !b.isNaN && !v.isNaN {
            differences.append(v - b)
            base.append(b)
            switch direction {
            case .higher: if v > b { better += 1 }
            case .lower: if v < b { better += 1 }
            case .none: break
            }
        }
        let summary = Summary(differences)
        n = differences.count
        baselineMean = Summary(base).mean
        diff = summary.mean
        diffLow = summary.ciLow
        diffHigh = summary.ciHigh
        relativeDiff = baselineMean == 0 ? .nan : diff / baselineMean
        pBetter = direction == .none || n == 0 ? .nan : Double(better) / Double(n)
    }

    /// The unpaired 95 % interval of the difference of means, Welch's t interval with the
    /// Welch–Satterthwaite degrees of freedom: what the comparison would give if the two runs had
    /// used independent random numbers. NaN values are left out of each sample separately.
    public static func unpaired(baseline: [Double], variant: [Double]) -> (diff: Double, low: Double, high: Double) {
        let a = Summary(baseline), b = Summary(variant)
        let va = a.se * a.se, vb = b.se * b.se
        let diff = b.mean - a.mean
        let se = (va + vb).squareRoot()
        guard se > 0, a.n > 1, b.n > 1 else { return (diff, diff, diff) }
        let df = (va + vb) * (va + vb) / (va * va / Double(a.n - 1) + vb * vb / Double(b.n - 1))
        let t = gsl_cdf_tdist_Pinv((1 + Summary.confidenceLevel) / 2, df)
        return (diff, diff - t * se, diff + t * se)
    }
}

// NaN-aware equality: two comparisons of the same data are equal even where undefined.
extension PairedComparison {
    public static func == (lhs: PairedComparison, rhs: PairedComparison) -> Bool {
        lhs.n == rhs.n
            && zip([lhs.baselineMean, lhs.diff, lhs.diffLow, lhs.diffHigh, lhs.relativeDiff, lhs.pBetter],
                   [rhs.baselineMean, rhs.diff, rhs.diffLow, rhs.diffHigh, rhs.relativeDiff, rhs.pBetter])
            .allSatisfy { sameValue($0.0, $0.1) }
    }
}
