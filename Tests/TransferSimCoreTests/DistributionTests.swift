// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Testing
import TransferSimCore

/// `Distribution`: support, mean, validation and drawing within a parameter's range.
@Suite("Distribution")
struct DistributionTests {
    /// A well-formed distribution with its expected support and mean.
    struct Case: Sendable, CustomTestStringConvertible {
        let distribution: Distribution
        let support: ClosedRange<Double>
        let mean: Double
        var testDescription: String { "\(distribution)" }
    }

    static let wellFormed = [
        Case(distribution: .uniform(low: 2, high: 5), support: 2...5, mean: 3.5),
        Case(distribution: .triangular(low: 1, mode: 2, high: 6), support: 1...6, mean: 3),
        Case(distribution: .normal(mean: 10, sd: 2), support: -Double.infinity...Double.infinity, mean: 10),
        // Lognormal mean: median · exp(σ²/2).
        Case(distribution: .lognormal(median: 2, sigma: 0.5), support: 0...Double.infinity,
             mean: 2 * exp(0.125)),
        Case(distribution: .beta(a: 2, b: 5), support: 0...1, mean: 2.0 / 7),
        // Discrete mean: (1·1 + 2·1 + 4·2) / 4 = 2.75.
        Case(distribution: .discrete(values: [2, 1, 4], weights: [1, 1, 2]), support: 1...4, mean: 2.75),
    ]

    @Test("support, mean and no problems", arguments: wellFormed)
    func supportAndMean(_ c: Case) {
        #expect(c.distribution.support == c.support)
        #expect(abs(c.distribution.mean - c.mean) <= 1e-12 * abs(c.mean))
        #expect(c.distribution.problems.isEmpty)
    }

    /// Every draw lies within the range given (here the distribution's support, finite for the
    /// normal); discrete draws are among the listed values.
    @Test("draws stay within range", arguments: wellFormed)
    func drawsStayWithinRange(_ c: Case) {
        let random = RandomSource(seed: 11)
        random.seek(entity: 0, purpose: .parameters)
        let range = c.support.lowerBound.isFinite ? c.support : 4...16
        let draws = (0..<10_000).map { _ in c.distribution.draw(random, within: range) }
        #expect(draws.allSatisfy { range.contains($0) })
        if case let .discrete(values, _) = c.distribution {
            #expect(Set(draws) == Set(values))
        }
    }

    static let malformed: [Distribution] = [
        .uniform(low: 5, high: 2),
        .triangular(low: 1, mode: 7, high: 6),
        .normal(mean: 0, sd: -1),
        .lognormal(median: 0, sigma: 1),
        .lognormal(median: 1, sigma: -0.1),
        .beta(a: 0, b: 1),
        .beta(a: 1, b: -2),
        .discrete(values: [], weights: []),
        .discrete(values: [1, 2], weights: [1]),
        .discrete(values: [1, 2], weights: [1, -1]),
        .discrete(values: [1, 2], weights: [0, 0]),
    ]

    @Test("malformed fields are reported", arguments: malformed)
    func problemsAreReported(_ distribution: Distribution) {
        #expect(distribution.problems.count == 1)
    }

    /// A normal truncated to [0, ∞) by redrawing is the half-normal: for N(0, 1) its mean is
    /// √(2/π) and its variance 1 − 2/π (tolerance 4 SE, SE = √(variance / n)).
    @Test func normalIsTruncatedByRedrawing() {
        let random = RandomSource(seed: 12)
        random.seek(entity: 0, purpose: .parameters)
        let normal = Distribution.normal(mean: 0, sd: 1)
        let draws = (0..<50_000).map { _ in normal.draw(random, within: 0...Double.infinity) }
        #expect(draws.allSatisfy { $0 >= 0 })
        expectMean(of: draws, equals: (2 / Double.pi).squareRoot(), variance: 1 - 2 / Double.pi)
    }

    /// When redrawing cannot reach the range (a 50-sigma gap), the mean is clamped into it.
    @Test func unreachableRangeClampsTheMean() {
        let random = RandomSource(seed: 13)
        random.seek(entity: 0, purpose: .parameters)
        #expect(Distribution.normal(mean: 0, sd: 1).draw(random, within: 50...60) == 50)
        #expect(Distribution.normal(mean: 0, sd: 1).draw(random, within: -60...(-50)) == -50)
    }

    /// Discrete draws follow the weights: P(4) = 2/4, binomial SE √(p(1−p)/n).
    @Test func discreteFollowsWeights() {
        let random = RandomSource(seed: 14)
        random.seek(entity: 0, purpose: .parameters)
        let discrete = Distribution.discrete(values: [1, 2, 4], weights: [1, 1, 2])
        let n = 50_000
        let fours = (0..<n).count { _ in discrete.draw(random, within: 1...4) == 4 }
        expectWithinFourSE(Double(fours) / Double(n), 0.5, standardError: (0.25 / Double(n)).squareRoot())
    }

    /// `draw(_:within:)` keeps every draw inside the range: a lognormal with median 0.5 and σ = 1
    /// exceeds 1 with probability P(Z > ln 2) ≈ 0.244 before truncation, so a draw that ignored the
    /// range would fail here. A distribution centred outside the range is rejected.
    @Test func drawsStayInsideRangeAndOffCentreLawsAreRejected() {
        let random = RandomSource(seed: 15)
        random.seek(entity: 0, purpose: .parameters)
        let lognormal = Distribution.lognormal(median: 0.5, sigma: 1)
        let draws = (0..<1_000).map { _ in lognormal.draw(random, within: 0...1) }
        #expect(draws.allSatisfy { (0...1).contains($0) })
        #expect(Set(draws).count > 900)   // truncated by redrawing, not piled up at the bound
        let spec = ParameterSpec("x", .probability, default: .number(0.5), meaning: "", source: "")
        #expect(spec.problems(with: .distribution(lognormal)).isEmpty)
        #expect(!spec.problems(with: .distribution(.lognormal(median: 2, sigma: 1))).isEmpty)
        #expect(!spec.problems(with: .distribution(.uniform(low: 0.5, high: 1.5))).isEmpty)
        #expect(!Distribution.uniform(low: -.infinity, high: 1).problems.isEmpty)
    }
}
