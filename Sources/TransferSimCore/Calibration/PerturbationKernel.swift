// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The multivariate normal perturbation kernel of ABC-SMC, fitted to the weighted previous
/// population as pyabc's `MultivariateNormalTransition` does: covariance = the weighted sample
/// covariance × h², with Silverman's bandwidth h = (4 / (n_eff (d + 2)))^(1 / (d + 4)) for the
/// population's effective size n_eff and d parameters.
public struct PerturbationKernel: Sendable {
    public let dimension: Int
    /// The kernel's covariance (row-major d × d).
    public let covariance: [Double]
    let factor: Cholesky

    /// Silverman's rule of thumb for the bandwidth factor.
    public static func silverman(effectiveSize n: Double, dimension d: Int) -> Double {
        pow(4 / (n * Double(d + 2)), 1 / Double(d + 4))
    }

    /// The kernel fitted to the particles `thetas` with normalised weights `w`, or `nil` when their
    /// covariance is singular (every particle equal in some direction).
    public init?(thetas: [[Double]], weights w: [Double]) {
        guard let d = thetas.first?.count, d > 0 else { return nil }
        let h = Self.silverman(effectiveSize: WeightedSample.effectiveSize(w), dimension: d)
        var cov = [Double](repeating: 0, count: d * d)
        let columns = (0..<d).map { k in thetas.map { $0[k] } }
        for i in 0..<d {
            for j in i..<d {
                let c = WeightedSample.covariance(columns[i], columns[j], w) * h * h
                cov[i * d + j] = c
                cov[j * d + i] = c
            }
        }
        // A parameter the population no longer varies in would make the kernel singular: give it
        // a tiny spread relative to its scale so the kernel stays a proper density.
        for i in 0..<d where !(cov[i * d + i] > 0) {
            let scale = max(abs(WeightedSample.mean(columns[i], w)), 1e-12)
            cov[i * d + i] = pow(1e-9 * scale, 2)
        }
        guard let factor = Cholesky(cov, n: d) else { return nil }
        self.dimension = d
        self.covariance = cov
        self.factor = factor
    }

    /// `center` plus a draw of the kernel, from `random`'s current stream (GSL's multivariate
    /// Gaussian sampler on the Philox generator).
    public func perturb(_ center: [Double], _ random: RandomSource) -> [Double] {
        let d = dimension
        guard let mu = gsl_vector_alloc(d), let l = gsl_matrix_alloc(d, d), let out = gsl_vector_alloc(d) else {
            fatalError("gsl allocation failed: out of memory")
        }
        defer {
            gsl_vector_free(mu)
            gsl_matrix_free(l)
            gsl_vector_free(out)
        }
        for i in 0..<d {
            gsl_vector_set(mu, i, center[i])
            for j in 0..<d { gsl_matrix_set(l, i, j, factor.lower[i * d + j]) }
        }
        let status = gsl_ran_multivariate_gaussian(random.gslGenerator, mu, l, out)
        precondition(status == 0, "gsl_ran_multivariate_gaussian failed (\(status))")
        return (0..<d).map { gsl_vector_get(out, $0) }
    }

    /// The kernel's log density of moving from `center` to `x`, up to the constant common to every
    /// pair (which cancels in normalised importance weights).
    public func logDensity(_ x: [Double], from center: [Double]) -> Double {
        // Forward substitution L y = x − center without allocating (called N² times a generation).
        let d = dimension
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { y in
            var squares = 0.0
            factor.lower.withUnsafeBufferPointer { l in
                for i in 0..<d {
                    var s = x[i] - center[i]
                    for k in 0..<i { s -= l[i * d + k] * y[k] }
                    y[i] = s / l[i * d + i]
                    squares += y[i] * y[i]
                }
            }
            return -0.5 * squares
        }
    }
}
