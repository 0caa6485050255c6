// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// One parameter a calibration fits: its path, its prior (the distribution the scenario or the
/// observed file gives it) and the values the model accepts.
public struct CalibrationParameter: Sendable, Equatable {
    public let path: String
    public let prior: Distribution
    public let range: ClosedRange<Double>
    /// Whether the model rounds it to a whole number (the particle keeps the unrounded value).
    public let isInteger: Bool
    /// Where the prior was stated.
    public let origin: Origin?

    public init(path: String, prior: Distribution, range: ClosedRange<Double>, isInteger: Bool = false,
                origin: Origin? = nil) {
        self.path = path
        self.prior = prior
        self.range = range
        self.isInteger = isInteger
        self.origin = origin
    }

    /// Why this prior cannot be calibrated, if it cannot: a discrete law (the perturbation kernel
    /// is continuous) or one without spread.
    public var problem: String? {
        switch prior {
        case .discrete:
            return "\(path): a discrete prior cannot be calibrated (the perturbation kernel is continuous); give a continuous distribution"
        case let .uniform(low, high) where !(high > low), let .triangular(low, _, high) where !(high > low):
            return "\(path): the prior has no spread (low = high); give it as a number or widen it"
        case let .normal(_, sd) where !(sd > 0):
            return "\(path): the prior has no spread (sd 0); give it as a number or widen it"
        case let .lognormal(_, sigma) where !(sigma > 0):
            return "\(path): the prior has no spread (sigma 0); give it as a number or widen it"
        default:
            return nil
        }
    }

    /// The prior's log density at `x` up to a constant (−∞ outside its support or the range).
    /// Truncation to the range changes only the constant, which cancels in the importance weights.
    public func logDensity(_ x: Double) -> Double {
        guard x.isFinite, range.contains(x) else { return -.infinity }
        switch prior {
        case let .uniform(low, high):
            return x >= low && x <= high ? -log(high - low) : -.infinity
        case let .triangular(low, mode, high):
            guard x >= low && x <= high else { return -.infinity }
            let d = x < mode ? 2 * (x - low) / ((high - low) * (mode - low))
                : x > mode ? 2 * (high - x) / ((high - low) * (high - mode)) : 2 / (high - low)
            return d > 0 ? log(d) : -.infinity
        case let .normal(mean, sd):
            let z = (x - mean) / sd
            return -0.5 * z * z - log(sd)
        case let .lognormal(median, sigma):
            guard x > 0 else { return -.infinity }
            let z = (log(x) - log(median)) / sigma
            return -0.5 * z * z - log(sigma) - log(x)
        case let .beta(a, b):
            guard x > 0 && x < 1 else { return -.infinity }
            return (a - 1) * log(x) + (b - 1) * log(1 - x) + lgamma(a + b) - lgamma(a) - lgamma(b)
        case .discrete:
            return -.infinity
        }
    }
}

/// The joint prior of a calibration: independent marginals (`CalibrationParameter`).
public struct CalibrationPrior: Sendable, Equatable {
    public let parameters: [CalibrationParameter]

    public init(_ parameters: [CalibrationParameter]) { self.parameters = parameters }

    public var dimension: Int { parameters.count }

    /// The log density at θ up to a constant (−∞ outside the support).
    public func logDensity(_ theta: [Double]) -> Double {
        var total = 0.0
        for (p, x) in zip(parameters, theta) {
            total += p.logDensity(x)
            if total == -.infinity { return total }
        }
        return total
    }

    /// One draw from the prior, each parameter in turn from `random`'s current stream.
    public func draw(_ random: RandomSource) -> [Double] {
        parameters.map { $0.prior.draw(random, within: $0.range) }
    }
}
