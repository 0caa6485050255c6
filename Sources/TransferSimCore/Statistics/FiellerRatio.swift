// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The ratio of two paired mean differences, Δ numerator / Δ denominator (for example Δ fiscal
/// cost in 万元 / Δ local conversions: the cost of one extra local conversion), with Fieller's 95 %
/// interval.
///
/// Both differences come from the same trials (common random numbers), so their per-trial
/// values are correlated; Fieller's interval uses their covariance. With means a (numerator) and
/// b (denominator), variances of the means v₁₁, v₂₂, covariance v₁₂ (each sample variance / n)
/// and t the 97.5 % Student t quantile on n − 1 degrees of freedom, the interval is the set of
/// ratios R for which a − R·b is not significantly different from 0:
///
///     (a·b − t²v₁₂ ± √((a·b − t²v₁₂)² − (b² − t²v₂₂)(a² − t²v₁₁))) / (b² − t²v₂₂).
///
/// It is bounded exactly when b² > t²v₂₂, that is when the 95 % t interval of the denominator's
/// mean difference excludes 0 (the interval `Summary` gives). Otherwise the ratio is *not
/// defined* here (`isDefined` false; `ratio`, `low`, `high` NaN): a lever whose effect on the
/// denominator cannot be told from 0 has no meaningful cost per unit of that effect.
/// Pairs with a NaN in either sample are left out.
public struct FiellerRatio: Sendable, Equatable {
    /// Pairs used.
    public let n: Int
    /// Mean of the numerator's paired differences (a).
    public let numeratorMean: Double
    /// Mean of the denominator's paired differences (b).
    public let denominatorMean: Double
    /// a / b, or NaN when not defined.
    public let ratio: Double
    /// Lower end of Fieller's 95 % interval, or NaN when not defined.
    public let low: Double
    /// Upper end of Fieller's 95 % interval, or NaN when not defined.
    public let high: Double

    /// Whether the denominator's interval excludes 0, so that the ratio and a bounded interval exist.
    public var isDefined: Bool { !ratio.isNaN }

    /// Fieller's interval from the per-trial differences of the numerator and denominator, in the
    /// same trial order.
    public init(numerator: [Double], denominator: [Double], level: Double = Summary.confidenceLevel) {
        precondition(numerator.count == denominator.count, "paired values need the same trials")
        var x: [Double] = [], y: [Double] = []
        for (u, v) in zip(numerator, denominator) where !u.isNaN && !v.isNaN {
            x.append(u)
            y.append(v)
        }
        n = x.count
        let count = Double(n)
        let a = n == 0 ? Double.nan : x.reduce(0, +) / count
        let b = n == 0 ? Double.nan : y.reduce(0, +) / count
        numeratorMean = a
        denominatorMean = b
        guard n > 1 else {
            (ratio, low, high) = (.nan, .nan, .nan)
            return
        }
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for (u, v) in zip(x, y) {
            sxx += (u - a) * (u - a)
            syy += (v - b) * (v - b)
            sxy += (u - a) * (v - b)
        }
        let v11 = sxx / (count - 1) / count, v22 = syy / (count - 1) / count, v12 = sxy / (count - 1) / count
        let t = gsl_cdf_tdist_Pinv((1 + level) / 2, count - 1)
        let t2 = t * t
        let denominator = b * b - t2 * v22
        guard b != 0, denominator > 0 else {
            (ratio, low, high) = (.nan, .nan, .nan)
            return
        }
        let middle = a * b - t2 * v12
        // With b² > t²v₂₂ the discriminant is ≥ 0 (Cauchy–Schwarz); clamp rounding.
        let discriminant = max(0, middle * middle - denominator * (a * a - t2 * v11))
        let half = discriminant.squareRoot()
        ratio = a / b
        low = (middle - half) / denominator
        high = (middle + half) / denominator
    }
}
