// SPDX-License-Identifier: GPL-3.0-or-later

/// One sensitivity index: its estimate from all the evaluations and a 95 % percentile-bootstrap
/// interval (the 2.5 % and 97.5 % quantiles of the index recomputed on resampled data).
public struct SensitivityEstimate: Sendable, Equatable {
    /// The index computed on the full sample.
    public let estimate: Double
    /// Lower end of the 95 % interval.
    public let low: Double
    /// Upper end of the 95 % interval.
    public let high: Double

    public init(estimate: Double, low: Double, high: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
    }

    /// The estimate with the percentile interval of its bootstrap `replicates` (NaN ones left out).
    init(estimate: Double, replicates: [Double]) {
        let sorted = replicates.filter { !$0.isNaN }.sorted()
        self.init(estimate: estimate, low: quantile(sorted: sorted, 0.025), high: quantile(sorted: sorted, 0.975))
    }

    /// NaN-aware equality: an undefined index equals an undefined index.
    public static func == (lhs: SensitivityEstimate, rhs: SensitivityEstimate) -> Bool {
        sameValue(lhs.estimate, rhs.estimate) && sameValue(lhs.low, rhs.low) && sameValue(lhs.high, rhs.high)
    }
}

/// A problem with a sensitivity design or its outputs (an impossible size, too many parameters,
/// outputs that do not match the design).
public struct SensitivityProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Row indices drawn with replacement for the percentile bootstrap, a pure function of
/// (seed, replicate): Philox draws through `RandomSource`, replicate `b` on "trial" `b`, so an
/// analysis gives the same intervals on every machine and thread count.
struct BootstrapResampler {
    private let random: RandomSource

    init(seed: UInt64) { random = RandomSource(seed: seed) }

    /// `count` indices in `0..<count`, drawn uniformly with replacement, for replicate `replicate`.
    func indices(replicate: Int, count: Int) -> [Int] {
        random.trial = UInt32(truncatingIfNeeded: replicate)
        random.seek(entity: 0, purpose: .parameters)
        return (0..<count).map { _ in min(Int(random.uniform() * Double(count)), count - 1) }
    }
}
