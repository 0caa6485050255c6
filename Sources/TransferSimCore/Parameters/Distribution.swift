// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// An epistemic distribution for a scalar parameter: drawn once per trial, so the spread of the
/// outputs includes what we do not know about the region (MODEL.md §8).
///
/// In a scenario file: `annual_disclosures: {dist: triangular, low: 600, mode: 800, high: 1000}`.
public enum Distribution: Sendable, Equatable, Hashable {
    /// Uniform on [low, high].
    case uniform(low: Double, high: Double)
    /// Triangular on [low, high] with the given mode.
    case triangular(low: Double, mode: Double, high: Double)
    /// Normal, truncated to the parameter's allowed range by redrawing.
    case normal(mean: Double, sd: Double)
    /// Lognormal with the given median and log-scale standard deviation.
    case lognormal(median: Double, sigma: Double)
    /// Beta(a, b) on [0, 1].
    case beta(a: Double, b: Double)
    /// One of `values`, with probabilities proportional to `weights`.
    case discrete(values: [Double], weights: [Double])

    /// The names accepted after `dist:` with their fields, for messages and the schema.
    public static let forms: [(name: String, fields: [String])] = [
        ("uniform", ["low", "high"]),
        ("triangular", ["low", "mode", "high"]),
        ("normal", ["mean", "sd"]),
        ("lognormal", ["median", "sigma"]),
        ("beta", ["a", "b"]),
        ("discrete", ["values", "weights"]),
    ]

    /// The smallest and largest value a draw can take (infinite where unbounded).
    public var support: ClosedRange<Double> {
        switch self {
        case let .uniform(low, high): return low...high
        case let .triangular(low, _, high): return low...high
        case .normal: return -Double.infinity...Double.infinity
        case .lognormal: return 0...Double.infinity
        case .beta: return 0...1
        case let .discrete(values, _): return (values.min() ?? 0)...(values.max() ?? 0)
        }
    }

    /// The mean of the distribution, before truncation (used for `params` and reports).
    public var mean: Double {
        switch self {
        case let .uniform(low, high): return (low + high) / 2
        case let .triangular(low, mode, high): return (low + mode + high) / 3
        case let .normal(mean, _): return mean
        case let .lognormal(median, sigma): return median * exp(sigma * sigma / 2)
        case let .beta(a, b): return a / (a + b)
        case let .discrete(values, weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        }
    }

    /// Every number the distribution is defined by.
    private var fields: [Double] {
        switch self {
        case let .uniform(l, h): return [l, h]
        case let .triangular(l, m, h): return [l, m, h]
        case let .normal(m, s): return [m, s]
        case let .lognormal(m, s): return [m, s]
        case let .beta(a, b): return [a, b]
        case let .discrete(v, w): return v + w
        }
    }

    /// Problems with the distribution's own fields (empty when it is well formed).
    public var problems: [String] {
        if fields.contains(where: { !$0.isFinite }) { return ["distribution fields must be finite numbers"] }
        switch self {
        case let .uniform(low, high):
            return low <= high ? [] : ["uniform needs low <= high (got low \(low), high \(high))"]
        case let .triangular(low, mode, high):
            return low <= mode && mode <= high ? [] : ["triangular needs low <= mode <= high"]
        case let .normal(_, sd):
            return sd >= 0 ? [] : ["normal needs sd >= 0"]
        case let .lognormal(median, sigma):
            return median > 0 && sigma >= 0 ? [] : ["lognormal needs median > 0 and sigma >= 0"]
        case let .beta(a, b):
            return a > 0 && b > 0 ? [] : ["beta needs a > 0 and b > 0"]
        case let .discrete(values, weights):
            if values.isEmpty { return ["discrete needs at least one value"] }
            if values.count != weights.count { return ["discrete needs as many weights as values"] }
            if weights.contains(where: { $0 < 0 }) || weights.reduce(0, +) <= 0 {
                return ["discrete needs non-negative weights with a positive sum"]
            }
            return []
        }
    }

    /// One draw, kept inside `range`. A normal or lognormal is truncated: redrawn until it falls
    /// inside (at most 1000 times, then its centre clamped to the range). Other forms are clamped, which only ever matters for rounding:
    /// `ParameterSpec.problems(with:)` rejects a distribution whose support leaves the range.
    public func draw(_ random: RandomSource, within range: ClosedRange<Double>) -> Double {
        min(max(unclampedDraw(random, within: range), range.lowerBound), range.upperBound)
    }

    private func unclampedDraw(_ random: RandomSource, within range: ClosedRange<Double>) -> Double {
        switch self {
        case let .uniform(low, high): return low + (high - low) * random.uniform()
        case let .triangular(low, mode, high): return random.triangular(low: low, mode: mode, high: high)
        case let .normal(mean, sd):
            for _ in 0..<1000 {
                let x = mean + sd * random.standardNormal()
                if range.contains(x) { return x }
            }
            return min(max(mean, range.lowerBound), range.upperBound)
        case let .lognormal(median, sigma):
            for _ in 0..<1000 {
                let x = random.lognormal(median: median, sigma: sigma)
                if range.contains(x) { return x }
            }
            return min(max(median, range.lowerBound), range.upperBound)
        case let .beta(a, b): return random.beta(a, b)
        case let .discrete(values, weights):
            let total = weights.reduce(0, +)
            var target = random.uniform() * total
            for (v, w) in zip(values, weights) {
                if target < w { return v }
                target -= w
            }
            // Rounding left `target` past the end: the last value with positive weight.
            let last = weights.lastIndex { $0 > 0 } ?? values.count - 1
            return values[last]
        }
    }
}
