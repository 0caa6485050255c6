// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Foundation

/// A parameter a sweep varies, by dotted path, and the values it may take.
public struct SweepParameter: Sendable, Equatable {
    /// How the values are given.
    public enum Values: Sendable, Equatable {
        /// An explicit list (a grid takes each; sampling designs pick one with equal chance).
        case list([Double])
        /// `steps` evenly spaced values from `low` to `high` in a grid; the interval
        /// `[low, high]` uniformly in sampling designs.
        case range(low: Double, high: Double, steps: Int)
        /// A distribution, sampled through its inverse CDF (sampling designs only).
        case distribution(Distribution)
    }

    /// The parameter's dotted path (`policy.income.inventor_share`).
    public let path: String
    public let values: Values

    public init(path: String, values: Values) {
        self.path = path
        self.values = values
    }

    /// The grid values: the list, or the range's evenly spaced steps; `nil` for a distribution.
    public var gridValues: [Double]? {
        switch values {
        case let .list(list): return list
        case let .range(low, high, steps):
            if steps <= 1 { return [low] }
            return (0..<steps).map { i in i == steps - 1 ? high : low + (high - low) * Double(i) / Double(steps - 1) }
        case .distribution: return nil
        }
    }

    /// The value at probability level `u` in [0, 1): the inverse CDF of the parameter's
    /// distribution (uniform on a range, equal weights on a list).
    public func value(at u: Double) -> Double {
        switch values {
        case let .list(list): return list[min(Int(u * Double(list.count)), list.count - 1)]
        case let .range(low, high, _): return low + (high - low) * u
        case let .distribution(d): return Self.inverseCDF(d, u)
        }
    }

    static func inverseCDF(_ d: Distribution, _ u: Double) -> Double {
        switch d {
        case let .uniform(low, high): return low + (high - low) * u
        case let .triangular(low, mode, high):
            let f = (mode - low) / (high - low)
            return u < f ? low + ((high - low) * (mode - low) * u).squareRoot()
                : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
        case let .normal(mean, sd): return mean + sd * gsl_cdf_ugaussian_Pinv(max(u, 1e-300))
        case let .lognormal(median, sigma): return median * exp(sigma * gsl_cdf_ugaussian_Pinv(max(u, 1e-300)))
        case let .beta(a, b): return gsl_cdf_beta_Pinv(u, a, b)
        case let .discrete(values, weights):
            let total = weights.reduce(0, +)
            var cumulative = 0.0
            for (v, w) in zip(values, weights) {
                cumulative += w / total
                if u < cumulative { return v }
            }
            return values.last ?? .nan
        }
    }
}

/// How a sweep chooses its points (EMA Workbench's designs).
public enum SweepDesign: Sendable, Equatable {
    /// Full factorial: every combination of the parameters' grid values, the last parameter
    /// varying fastest.
    case grid
    /// Independent uniform draws mapped through each parameter's inverse CDF.
    case monteCarlo(points: Int)
    /// Latin hypercube: in each dimension exactly one point per stratum `[k/n, (k+1)/n)`.
    case latinHypercube(points: Int)
    /// GSL's Sobol quasi-random sequence (at most `sobolDimensionLimit` parameters).
    case sobol(points: Int)

    /// GSL's Sobol generator supports at most 40 dimensions and silently returns zeros beyond.
    public static let sobolDimensionLimit = 40

    /// A problem with a design.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The design's points in the unit hypercube (levels `u` in [0, 1) per parameter), or, for
    /// a grid, `nil` (grids are built from values directly).
    public func unitPoints(dimensions: Int, seed: UInt64) throws(Problem) -> [[Double]]? {
        switch self {
        case .grid:
            return nil
        case let .monteCarlo(n):
            var random = SplitMix64(seed: seed)
            return (0..<n).map { _ in (0..<dimensions).map { _ in random.unit() } }
        case let .latinHypercube(n):
            var random = SplitMix64(seed: seed)
            var columns: [[Double]] = []
            for _ in 0..<dimensions {
                var strata = Array(0..<n)
                for i in stride(from: n - 1, to: 0, by: -1) {  // Fisher–Yates
                    strata.swapAt(i, Int(random.next() % UInt64(i + 1)))
                }
                columns.append(strata.map { (Double($0) + random.unit()) / Double(n) })
            }
            return (0..<n).map { p in columns.map { $0[p] } }
        case let .sobol(n):
            guard dimensions <= Self.sobolDimensionLimit else {
                throw Problem(description: "a Sobol design supports at most \(Self.sobolDimensionLimit) parameters (GSL's limit); this sweep varies \(dimensions): use latin_hypercube or monte_carlo")
            }
            guard dimensions >= 1, let q = gsl_qrng_alloc(ts_qrng_sobol(), UInt32(dimensions)) else {
                throw Problem(description: "cannot create a Sobol generator for \(dimensions) dimensions")
            }
            defer { gsl_qrng_free(q) }
            var point = [Double](repeating: 0, count: dimensions)
            var points: [[Double]] = []
            for _ in 0..<n {
                guard gsl_qrng_get(q, &point) == 0 else { throw Problem(description: "GSL's Sobol generator failed") }
                points.append(point)
            }
            return points
        }
    }

    /// The parameter values of every point, one row per point, one column per parameter.
    public func points(_ parameters: [SweepParameter], seed: UInt64) throws(Problem) -> [[Double]] {
        guard let unit = try unitPoints(dimensions: parameters.count, seed: seed) else {
            var rows: [[Double]] = [[]]
            for parameter in parameters {
                guard let values = parameter.gridValues else {
                    throw Problem(description: "'\(parameter.path)': a grid needs a list of values or a range with steps, not a distribution")
                }
                rows = rows.flatMap { row in values.map { row + [$0] } }
            }
            return rows
        }
        return unit.map { u in zip(parameters, u).map { $0.value(at: $1) } }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator for design sampling, fully
/// determined by its seed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
