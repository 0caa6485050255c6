// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// A symmetric positive-definite matrix's Cholesky factor, for the small matrices of rank
/// correlations and calibration kernels (a handful of parameters).
public struct Cholesky: Sendable, Equatable {
    /// The dimension.
    public let n: Int
    /// The lower-triangular factor L (row-major, n × n) with A = L Lᵀ.
    public let lower: [Double]

    /// The factor of the row-major n × n matrix `a`, or `nil` when `a` is not positive definite
    /// (a pivot ≤ 1e-300 relative to the diagonal's scale, or not finite).
    public init?(_ a: [Double], n: Int) {
        precondition(a.count == n * n)
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d.isFinite, d > 1e-300 else { return nil }
            let ljj = d.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / ljj
            }
        }
        self.n = n
        self.lower = l
    }

    /// Solves L y = b (forward substitution).
    public func solveLower(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i * n + k] * y[k] }
            y[i] = s / lower[i * n + i]
        }
        return y
    }

    /// The log-determinant of A (= 2 Σ log Lᵢᵢ).
    public var logDeterminant: Double {
        (0..<n).reduce(0) { $0 + 2 * log(lower[$1 * n + $1]) }
    }
}
