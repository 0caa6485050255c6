// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Statistics of a weighted sample (a population of particles), weights normalised to sum 1.
public enum WeightedSample {
    /// `weights` scaled to sum 1 (all equal when the sum is not positive).
    public static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        guard total > 0, total.isFinite else { return weights.map { _ in 1 / Double(max(weights.count, 1)) } }
        return weights.map { $0 / total }
    }

    /// Normalised weights from unnormalised log weights (subtracting the largest first).
    public static func fromLog(_ logWeights: [Double]) -> [Double] {
        let top = logWeights.max() ?? 0
        guard top.isFinite else { return normalised(logWeights.map { _ in 1 }) }
        return normalised(logWeights.map { exp($0 - top) })
    }

    /// Kish's effective sample size 1 / Σ w² (normalised weights).
    public static func effectiveSize(_ w: [Double]) -> Double {
        let s = w.reduce(0) { $0 + $1 * $1 }
        return s > 0 ? 1 / s : 0
    }

    public static func mean(_ x: [Double], _ w: [Double]) -> Double {
        zip(x, w).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The weighted standard deviation, with the reliability-weights correction 1 / (1 − Σw²)
    /// (NumPy's `cov(aweights=…)`), so equal weights give the usual n − 1 form.
    public static func sd(_ x: [Double], _ w: [Double]) -> Double {
        covariance(x, x, w).squareRoot()
    }

    public static func covariance(_ x: [Double], _ y: [Double], _ w: [Double]) -> Double {
        let mx = mean(x, w), my = mean(y, w)
        var s = 0.0
        for i in x.indices { s += w[i] * (x[i] - mx) * (y[i] - my) }
        let correction = 1 - w.reduce(0) { $0 + $1 * $1 }
        return correction > 0 ? s / correction : s
    }

    /// The weighted `p`-quantile: the smallest value whose cumulative weight (in value order)
    /// reaches p. Ties keep input order, so the result is a pure function of the inputs.
    public static func quantile(_ x: [Double], _ w: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var cumulative = 0.0
        for i in order {
            cumulative += w[i]
            if cumulative >= p - 1e-12 { return x[i] }
        }
        return x[order[order.count - 1]]
    }
}
