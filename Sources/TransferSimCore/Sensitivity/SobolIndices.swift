// SPDX-License-Identifier: GPL-3.0-or-later

/// Sobol sensitivity indices of one model output, with percentile-bootstrap intervals.
///
/// With `Y = f(X)` and `V = Var(Y)`: the first-order index `S1_i = Var(E[Y | X_i]) / V` is the
/// share of the output's variance that `X_i` explains on its own; the total index
/// `ST_i = E[Var(Y | X_~i)] / V` the share it is involved in, interactions included (`ST_i − S1_i`
/// measures its interactions); the second-order index `S2_ij` the share explained by the
/// interaction of `X_i` and `X_j` alone.
public struct SobolIndices: Sendable, Equatable {
    /// A second-order index of the parameters `i < j`.
    public struct Pair: Sendable, Equatable {
        public let i: Int
        public let j: Int
        public let index: SensitivityEstimate
    }

    /// `S1_i` per parameter, in design order.
    public let first: [SensitivityEstimate]
    /// `ST_i` per parameter.
    public let total: [SensitivityEstimate]
    /// `S2_ij` for every pair `i < j` (row-major), empty without second order.
    public let second: [Pair]
    /// The output's variance over the `A` and `B` rows (the denominator of every index).
    public let variance: Double
}

/// The estimators of Sobol indices on a `SaltelliSample`'s evaluations (SALib's, with centring):
///
/// - first order, Saltelli et al. (2010), table 2 (b): `S1_i = mean(f(B) (f(A_B^i) − f(A))) / V`;
/// - total, Jansen (M. J. W. Jansen, "Analysis of variance designs for model output", Computer
///   Physics Communications 117, 1999), table 2 (f): `ST_i = mean((f(A) − f(A_B^i))²) / (2V)`;
/// - second order (Saltelli 2002): `S2_ij = mean(f(B_A^i) f(A_B^j) − f(A) f(B)) / V − S1_i − S1_j`;
///
/// with `V` the population variance of the `2N` values `f(A), f(B)`. In the S1 and S2 products `f`
/// is centred by `c`, the mean of all the evaluations, as SALib (1.6) does by standardising the
/// output: the indices of `f − c` are those of `f`, and centring removes the output's mean from the
/// estimators' variance (uncentred, an output whose mean is large against its spread — a share near
/// 2.5 % varying by tenths of a percent — gives S1 intervals wider than [0, 1] at N = 256). The
/// total index is unaffected. The point estimates equal SALib 1.6.0's (SensitivitySALibTests).
/// Intervals: the percentile
/// bootstrap over the `N` base rows (each replicate resamples rows `j` with replacement and
/// recomputes every index), from a fixed seed.
public enum SobolAnalysis {
    /// The indices of `outputs` (one per row of `sample`, in its order).
    public static func analyse(_ outputs: [Double], sample: SaltelliSample, bootstrap: Int, seed: UInt64)
        throws(SensitivityProblem) -> SobolIndices {
        guard outputs.count == sample.count else {
            throw SensitivityProblem("a Saltelli design of N = \(sample.baseSamples) and \(sample.dimensions) parameters has \(sample.count) evaluations, not \(outputs.count)")
        }
        let undefined = outputs.filter { !$0.isFinite }.count
        guard undefined == 0 else {
            throw SensitivityProblem("\(undefined) of \(outputs.count) evaluations are undefined (NaN or infinite): Sobol indices need every one")
        }
        let blocks = Blocks(outputs, sample)
        let all = blocks.indices(rows: Array(0..<sample.baseSamples))
        var replicates: [[Double]] = Array(repeating: [], count: all.count)
        let resampler = BootstrapResampler(seed: seed)
        for b in 0..<max(bootstrap, 0) {
            let values = blocks.indices(rows: resampler.indices(replicate: b, count: sample.baseSamples))
            for (i, v) in values.enumerated() { replicates[i].append(v) }
        }
        let estimates = zip(all, replicates).map { SensitivityEstimate(estimate: $0, replicates: $1) }
        let k = sample.dimensions
        var pairs: [SobolIndices.Pair] = []
        if sample.secondOrder {
            var next = 2 * k
            for i in 0..<k {
                for j in (i + 1)..<k {
                    pairs.append(.init(i: i, j: j, index: estimates[next]))
                    next += 1
                }
            }
        }
        return SobolIndices(first: Array(estimates[0..<k]), total: Array(estimates[k..<(2 * k)]), second: pairs,
                            variance: blocks.variance(rows: Array(0..<sample.baseSamples)))
    }

    /// Runs `model` on every point of `sample` (in the unit hypercube) and analyses the outputs.
    public static func analyse(sample: SaltelliSample, bootstrap: Int, seed: UInt64, model: ([Double]) -> Double)
        throws(SensitivityProblem) -> SobolIndices {
        try analyse(sample.unitPoints.map(model), sample: sample, bootstrap: bootstrap, seed: seed)
    }

    /// The evaluations regrouped by matrix: `a[j]`, `b[j]`, `ab[i][j]`, `ba[i][j]`.
    private struct Blocks {
        let a: [Double], b: [Double], ab: [[Double]], ba: [[Double]]
        let k: Int
        /// The mean of every evaluation, the centre of the S1 and S2 products.
        let c: Double

        init(_ y: [Double], _ sample: SaltelliSample) {
            let k = sample.dimensions, step = sample.rowsPerBlock, n = sample.baseSamples
            self.k = k
            c = y.reduce(0, +) / Double(y.count)
            a = (0..<n).map { y[$0 * step] }
            b = (0..<n).map { y[$0 * step + step - 1] }
            ab = (0..<k).map { i in (0..<n).map { y[$0 * step + 1 + i] } }
            ba = sample.secondOrder ? (0..<k).map { i in (0..<n).map { y[$0 * step + 1 + k + i] } } : []
        }

        /// Population variance of `f(A)` and `f(B)` over `rows` (with repeats).
        func variance(rows: [Int]) -> Double {
            var sum = 0.0, sumSquares = 0.0
            for j in rows { sum += a[j] + b[j]; sumSquares += a[j] * a[j] + b[j] * b[j] }
            let count = Double(2 * rows.count), mean = sum / count
            return max(sumSquares / count - mean * mean, 0)
        }

        /// `[S1_0…S1_k−1, ST_0…ST_k−1, S2 pairs…]` over `rows`. The products of S1 and S2 use the
        /// outputs centred by `c`, the mean of all evaluations (see `SobolAnalysis`).
        func indices(rows: [Int]) -> [Double] {
            let v = variance(rows: rows), n = Double(rows.count)
            var first: [Double] = [], total: [Double] = []
            for i in 0..<k {
                var s1 = 0.0, st = 0.0
                for j in rows {
                    let d = ab[i][j] - a[j]
                    s1 += (b[j] - c) * d
                    st += d * d
                }
                first.append(s1 / n / v)
                total.append(st / n / (2 * v))
            }
            var second: [Double] = []
            if !ba.isEmpty {
                for i in 0..<k {
                    for l in (i + 1)..<k {
                        var s = 0.0
                        for j in rows { s += (ba[i][j] - c) * (ab[l][j] - c) - (a[j] - c) * (b[j] - c) }
                        second.append(s / n / v - first[i] - first[l])
                    }
                }
            }
            return first + total + second
        }
    }
}
