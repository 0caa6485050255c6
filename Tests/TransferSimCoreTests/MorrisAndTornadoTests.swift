// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimCore

/// Morris elementary effects and the one-at-a-time tornado on functions with known answers.
@Suite struct MorrisAndTornadoTests {
    @Test func trajectoriesMoveOneParameterByDeltaOnTheGrid() throws {
        let design = try MorrisDesign(dimensions: 5, trajectories: 20, levels: 4, seed: 42)
        #expect(design.count == 120 && design.unitPoints.count == 120)
        #expect(abs(design.delta - 2.0 / 3) < 1e-15)
        for t in 0..<20 {
            #expect(Set(design.steps[t].map(\.parameter)) == Set(0..<5), "each parameter moves once")
            for s in 0..<5 {
                let before = design.unitPoints[t * 6 + s], after = design.unitPoints[t * 6 + s + 1]
                let moved = (0..<5).filter { before[$0] != after[$0] }
                #expect(moved == [design.steps[t][s].parameter])
                let step = after[moved[0]] - before[moved[0]]
                #expect(abs(abs(step) - design.delta) < 1e-12 && (step > 0) == design.steps[t][s].up)
            }
            for x in design.unitPoints[(t * 6)..<(t * 6 + 6)].joined() {
                #expect(x >= 0 && x <= 1 && abs(x * 3 - (x * 3).rounded()) < 1e-12, "on the 4-level grid")
            }
        }
        #expect(try MorrisDesign(dimensions: 5, trajectories: 20, levels: 4, seed: 42) == design)
        #expect(try MorrisDesign(dimensions: 5, trajectories: 20, levels: 4, seed: 43) != design)
        #expect(throws: SensitivityProblem.self) { try MorrisDesign(dimensions: 2, trajectories: 10, levels: 5, seed: 1) }
        #expect(throws: SensitivityProblem.self) { try MorrisDesign(dimensions: 2, trajectories: 1, levels: 4, seed: 1) }
    }

    /// On `f = Σ c_i x_i` with `x_i = low_i + (high_i − low_i) u_i`, every elementary effect of
    /// parameter i is `c_i (high_i − low_i)`: μ* is its absolute value, μ the value, σ zero.
    @Test func linearFunctionGivesExactEffectsAndTheirRanking() throws {
        let c = [3.0, -10, 0.5, 0], low = [0.0, 1, -2, 0], high = [1.0, 1.5, 8, 1]
        let design = try MorrisDesign(dimensions: 4, trajectories: 12, levels: 6, seed: 5)
        let m = try MorrisAnalysis.analyse(design: design, bootstrap: 100, seed: 1) { u in
            var sum = 0.0
            for i in 0..<4 { sum += c[i] * (low[i] + (high[i] - low[i]) * u[i]) }
            return sum
        }
        let exact = (0..<4).map { c[$0] * (high[$0] - low[$0]) }   // 3, −5, 5, 0
        for i in 0..<4 {
            #expect(abs(m.muStar[i].estimate - abs(exact[i])) < 1e-9, "μ*_\(i)")
            #expect(abs(m.mu[i].estimate - exact[i]) < 1e-9, "μ_\(i)")
            #expect(abs(m.sigma[i].estimate) < 1e-9, "σ_\(i)")
            #expect(abs(m.muStar[i].high - m.muStar[i].low) < 1e-9, "no spread, no interval")
        }
    }

    /// `f = u0 u1 + u2`: parameters 0 and 1 interact (σ > 0, the interval excludes 0); 2 is linear
    /// with effect 1, and μ* of 0 and 1 lies in (0, 1) (the partner's mean level).
    @Test func interactionsShowInSigma() throws {
        let design = try MorrisDesign(dimensions: 3, trajectories: 40, levels: 4, seed: 9)
        let m = try MorrisAnalysis.analyse(design: design, bootstrap: 200, seed: 2) { $0[0] * $0[1] + $0[2] }
        for i in 0..<2 {
            #expect(m.sigma[i].estimate > 0.1 && m.sigma[i].low > 0)
            #expect(m.muStar[i].low > 0.2 && m.muStar[i].high < 0.8 && m.muStar[i].low <= m.muStar[i].estimate)
        }
        #expect(abs(m.muStar[2].estimate - 1) < 1e-12 && m.sigma[2].estimate < 1e-12)
    }

    /// `f(x, t) = 2 x0 − x1 + 0.3 x0 ε_t + ε_t`, with ε_t a fixed noise per trial (common random
    /// numbers): moving x1 shifts every trial by exactly `−Δx1` (zero-width paired interval); moving
    /// x0 shifts trial t by `Δx0 (2 + 0.3 ε_t)`, whose mean the paired interval must cover.
    @Test func tornadoDeltasArePairedOnCommonRandomNumbers() throws {
        let noise = (0..<400).map { t -> Double in
            let r = RandomSource(seed: 99)
            r.trial = UInt32(t)
            r.seek(entity: 0, purpose: .parameters)
            return r.standardNormal()
        }
        let base = [1.0, 5], low = [0.5, 2], high = [2.0, 6]
        let bars = try OneAtATime.analyse(base: base, low: low, high: high, trials: 400) { x, t in
            2 * x[0] - x[1] + 0.3 * x[0] * noise[t] + noise[t]
        }
        #expect(bars.count == 2)
        #expect(abs(bars[1].low.diff - 3) < 1e-12 && abs(bars[1].high.diff + 1) < 1e-12)
        #expect(bars[1].low.diffHigh - bars[1].low.diffLow < 1e-9, "an additive shift has no paired spread")
        let meanNoise = noise.reduce(0, +) / 400
        let expectedLow = -0.5 * (2 + 0.3 * meanNoise), expectedHigh = 1.0 * (2 + 0.3 * meanNoise)
        #expect(abs(bars[0].low.diff - expectedLow) < 1e-9 && abs(bars[0].high.diff - expectedHigh) < 1e-9)
        #expect(bars[0].low.diffLow < -1 && bars[0].low.diffHigh > -1, "the interval covers the true −1")
        #expect(bars[0].high.diffLow < 2 && bars[0].high.diffHigh > 2, "the interval covers the true 2")
        #expect(abs(bars[0].swing - 1.5 * (2 + 0.3 * meanNoise)) < 1e-9 && abs(bars[1].swing - 4) < 1e-12)
        #expect(OneAtATime.move(at: 0) == nil && OneAtATime.move(at: 3)! == (1, false) && OneAtATime.move(at: 4)! == (1, true))
    }
}
