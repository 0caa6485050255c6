// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Testing
import TransferSimCore

/// Statistical checks of `RandomSource`'s samplers against analytic values.
///
/// Each test uses a fixed seed, so it is deterministic. The tolerance is 4 standard errors of the
/// estimate, derived from the analytic variance: for a sample mean of `n` draws with variance
/// `σ²`, SE = σ/√n; for a fraction estimating a probability `p`, SE = √(p(1−p)/n) (binomial). A
/// correct sampler lands outside 4 SE with probability about 6·10⁻⁵ per check.
@Suite("RandomSource samplers")
struct RandomSourceSamplerTests {
    static let n = 100_000

    /// A source positioned at a stream of its own for each test.
    func source(_ purpose: DrawPurpose, entity: UInt32 = 0) -> RandomSource {
        let random = RandomSource(seed: 20_240_601)
        random.trial = 1
        random.seek(entity: entity, purpose: purpose)
        return random
    }

    /// Uniform on [0, 1): every draw in range; mean 1/2, variance 1/12, so SE = √(1/12/n).
    @Test func uniformMeanAndRange() {
        let random = source(.arrivals)
        let draws = (0..<Self.n).map { _ in random.uniform() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        expectMean(of: draws, equals: 0.5, variance: 1.0 / 12)
    }

    /// Exponential with mean μ = 3: mean μ, variance μ², so SE = μ/√n; draws are positive.
    @Test func exponentialMean() {
        let random = source(.approval)
        let draws = (0..<Self.n).map { _ in random.exponential(mean: 3) }
        #expect(draws.allSatisfy { $0 > 0 && $0.isFinite })
        expectMean(of: draws, equals: 3, variance: 9)
    }

    /// Beta(2, 5): mean a/(a+b) = 2/7, variance ab/((a+b)²(a+b+1)) = 10/392.
    @Test func betaMean() {
        let random = source(.proofOfConcept)
        let draws = (0..<Self.n).map { _ in random.beta(2, 5) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
        expectMean(of: draws, equals: 2.0 / 7, variance: 10.0 / 392)
    }

    /// Cheng's beta algorithms, both branches (BB: both shapes above 1; BC: a shape at or below 1)
    /// and both orders of the shapes: the mean against a/(a+b) (variance ab/((a+b)²(a+b+1))), and
    /// the share of draws below two points against GSL's beta CDF, an independent implementation
    /// (binomial SE √(F(1−F)/n)).
    @Test(arguments: [(2.0, 5.0), (5.0, 2.0), (0.5, 3.0), (3.0, 0.5), (0.7, 0.4), (1.0, 1.0), (40.0, 60.0)])
    func betaAgainstItsLaw(a: Double, b: Double) {
        let random = source(.pilot)
        let draws = (0..<Self.n).map { _ in random.beta(a, b) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
        expectMean(of: draws, equals: a / (a + b), variance: a * b / ((a + b) * (a + b) * (a + b + 1)))
        for x in [0.2, 0.6] {
            let f = gsl_cdf_beta_P(x, a, b)
            let below = Double(draws.count { $0 <= x }) / Double(Self.n)
            expectWithinFourSE(below, f, standardError: max((f * (1 - f) / Double(Self.n)).squareRoot(), 1e-9))
        }
    }

    /// Lognormal(median 40, σ = 0.8): P(X < median) = 1/2 exactly, binomial SE = √(1/4/n);
    /// and log X is normal with mean log 40 and variance σ² = 0.64.
    @Test func lognormalMedian() {
        let random = source(.market)
        let draws = (0..<Self.n).map { _ in random.lognormal(median: 40, sigma: 0.8) }
        let below = Double(draws.count { $0 < 40 }) / Double(Self.n)
        expectWithinFourSE(below, 0.5, standardError: (0.25 / Double(Self.n)).squareRoot())
        expectMean(of: draws.map { log($0) }, equals: log(40), variance: 0.64)
    }

    /// Pareto(α = 1.5, minimum m = 1) truncated at c = 100. Its CDF is
    /// F(x) = (1 − (m/x)^α) / (1 − (m/c)^α), so F(3) = (1 − 3^−1.5)/(1 − 100^−1.5)
    /// = 0.8083582685386634; the fraction of draws ≤ 3 has binomial SE √(F(1−F)/n).
    @Test func truncatedParetoCDF() {
        let random = source(.exit)
        let draws = (0..<Self.n).map { _ in random.truncatedPareto(alpha: 1.5, minimum: 1, cap: 100) }
        #expect(draws.allSatisfy { $0 >= 1 && $0 <= 100 })
        let cdf = 0.8083582685386634
        let fraction = Double(draws.count { $0 <= 3 }) / Double(Self.n)
        expectWithinFourSE(fraction, cdf, standardError: (cdf * (1 - cdf) / Double(Self.n)).squareRoot())
    }

    /// Triangular(low a = 1, mode c = 2, high b = 6): mean (a+b+c)/3 = 3, variance
    /// (a²+b²+c²−ab−ac−bc)/18 = 21/18; P(X < mode) = (c−a)/(b−a) = 0.2.
    @Test func triangularMean() {
        let random = source(.implementation)
        let draws = (0..<Self.n).map { _ in random.triangular(low: 1, mode: 2, high: 6) }
        #expect(draws.allSatisfy { $0 >= 1 && $0 <= 6 })
        expectMean(of: draws, equals: 3, variance: 21.0 / 18)
        let below = Double(draws.count { $0 < 2 }) / Double(Self.n)
        expectWithinFourSE(below, 0.2, standardError: (0.2 * 0.8 / Double(Self.n)).squareRoot())
    }

    /// Categorical with weights 1, 2, 3, 4 (cumulative 1, 3, 6, 10): index i has probability
    /// w_i/10; each frequency has binomial SE √(p(1−p)/n).
    @Test func categoricalFrequencies() {
        let random = source(.route)
        let cumulative: [Double] = [1, 3, 6, 10]
        var counts = [0, 0, 0, 0]
        cumulative.withUnsafeBufferPointer { weights in
            for _ in 0..<Self.n { counts[random.categorical(cumulativeWeights: weights)] += 1 }
        }
        for (index, p) in [0.1, 0.2, 0.3, 0.4].enumerated() {
            let frequency = Double(counts[index]) / Double(Self.n)
            expectWithinFourSE(frequency, p, standardError: (p * (1 - p) / Double(Self.n)).squareRoot())
        }
    }

    /// Standard normal (ziggurat): mean 0, variance 1.
    @Test func standardNormalMean() {
        let random = source(.matching)
        expectMean(of: (0..<Self.n).map { _ in random.standardNormal() }, equals: 0, variance: 1)
    }

    /// Poisson with mean λ = 4: mean λ, variance λ.
    @Test func poissonMean() {
        let random = source(.payment)
        expectMean(of: (0..<Self.n).map { _ in Double(random.poisson(mean: 4)) }, equals: 4, variance: 4)
        #expect(random.poisson(mean: 0) == 0)
    }

    /// Gamma with shape k = 2, scale θ = 3: mean kθ = 6, variance kθ² = 18.
    @Test func gammaMean() {
        let random = source(.loan)
        expectMean(of: (0..<Self.n).map { _ in random.gamma(shape: 2, scale: 3) }, equals: 6, variance: 18)
    }
}

/// Expects the sample mean of `draws` within 4 SE of `expected`, with SE = √(variance / n).
func expectMean(of draws: [Double], equals expected: Double, variance: Double,
                sourceLocation: SourceLocation = #_sourceLocation) {
    let mean = draws.reduce(0, +) / Double(draws.count)
    let standardError = (variance / Double(draws.count)).squareRoot()
    expectWithinFourSE(mean, expected, standardError: standardError, sourceLocation: sourceLocation)
}

/// Expects `|estimate − expected| < 4 · standardError`.
func expectWithinFourSE(_ estimate: Double, _ expected: Double, standardError: Double,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(estimate - expected) < 4 * standardError,
            "estimate \(estimate), expected \(expected) ± 4 × \(standardError)",
            sourceLocation: sourceLocation)
}
