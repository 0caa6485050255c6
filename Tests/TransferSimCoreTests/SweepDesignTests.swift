// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Testing
@testable import TransferSimCore

/// Sweep designs: point counts and marginals.
@Suite struct SweepDesignTests {
    static let share = SweepParameter(path: "policy.income.inventor_share", values: .range(low: 0.5, high: 0.9, steps: 5))
    static let land = SweepParameter(path: "policy.land.annual_quota_mu", values: .list([0, 250, 500]))

    @Test func gridIsTheFullProductWithTheLastParameterFastest() throws {
        let points = try SweepDesign.grid.points([Self.share, Self.land], seed: 1)
        #expect(points.count == 15)
        var expected: [[Double]] = []
        for s in [0.5, 0.6, 0.7, 0.8, 0.9] { for l in [0.0, 250, 500] { expected.append([s, l]) } }
        for (p, e) in zip(points, expected) {
            #expect(abs(p[0] - e[0]) < 1e-12 && p[1] == e[1])
        }
        #expect(points.last == [0.9, 500], "the range ends exactly at high")
        #expect(throws: SweepDesign.Problem.self) {
            try SweepDesign.grid.points([SweepParameter(path: "x", values: .distribution(.uniform(low: 0, high: 1)))], seed: 1)
        }
    }

    @Test func latinHypercubeHasExactlyOnePointPerStratumInEveryDimension() throws {
        let n = 37
        let unit = try #require(try SweepDesign.latinHypercube(points: n).unitPoints(dimensions: 4, seed: 9))
        #expect(unit.count == n)
        for d in 0..<4 {
            let strata = unit.map { Int($0[d] * Double(n)) }.sorted()
            #expect(strata == Array(0..<n), "dimension \(d)")
        }
        let points = try SweepDesign.latinHypercube(points: n).points([Self.share], seed: 9)
        #expect(points.allSatisfy { $0[0] >= 0.5 && $0[0] < 0.9 })
        #expect(try SweepDesign.latinHypercube(points: n).points([Self.share], seed: 9) == points, "same seed, same design")
    }

    @Test func sobolEqualsGSLsSequenceMappedToTheRanges() throws {
        let points = try SweepDesign.sobol(points: 16).points([Self.share, Self.land], seed: 0)
        let q = try #require(gsl_qrng_alloc(ts_qrng_sobol(), 2))
        defer { gsl_qrng_free(q) }
        var u = [0.0, 0.0]
        for point in points {
            #expect(gsl_qrng_get(q, &u) == 0)
            #expect(point[0] == 0.5 + 0.4 * u[0])
            #expect(point[1] == [0.0, 250, 500][min(Int(u[1] * 3), 2)])
        }
        #expect(points.count == 16)
    }

    @Test func sobolRefusesMoreThanFortyDimensions() {
        #expect(throws: SweepDesign.Problem.self) {
            _ = try SweepDesign.sobol(points: 4).unitPoints(dimensions: 41, seed: 0)
        }
        #expect((try? SweepDesign.sobol(points: 4).unitPoints(dimensions: 40, seed: 0))??.count == 4)
    }

    /// Uniform marginals of Monte Carlo: the mean of n uniforms is 1/2 within 4 SE (SE = √(1/12n)).
    @Test func monteCarloMarginalsAreUniform() throws {
        let n = 4000
        let unit = try #require(try SweepDesign.monteCarlo(points: n).unitPoints(dimensions: 2, seed: 3))
        #expect(unit.count == n)
        for d in 0..<2 {
            let mean = unit.map { $0[d] }.reduce(0, +) / Double(n)
            #expect(abs(mean - 0.5) < 4 * (1.0 / (12.0 * Double(n))).squareRoot())
        }
    }

    @Test func inverseCDFsMapLevelsToValues() {
        let tri = SweepParameter(path: "x", values: .distribution(.triangular(low: 0, mode: 1, high: 2)))
        #expect(tri.value(at: 0.5) == 1)
        let normal = SweepParameter(path: "x", values: .distribution(.normal(mean: 3, sd: 2)))
        #expect(abs(normal.value(at: 0.975) - (3 + 2 * 1.959963984540054)) < 1e-9)
    }
}
