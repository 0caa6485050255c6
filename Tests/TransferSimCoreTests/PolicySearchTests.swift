// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimCore

/// The search methods of `transfersim optimise` and `discover` on problems with known answers.
@Suite struct PolicySearchTests {
    /// Two levers whose cost and effect are analytic: conversions c(a, b) = 40·√a + 30·√b (a, b in
    /// 亩 of land and PoC slots, both in [0, 400]), cost 2a + b 万元; minimise the cost subject to
    /// c ≥ 600. By Lagrange, a/b = (40/2)² / (30/1)² … the optimum of min 2a + b s.t. 40√a + 30√b = 600
    /// is at √a = 40/(2λ)·…; solved in closed form: with s = √a, t = √b, minimise 2s² + t² on
    /// 40s + 30t = 600, so 4s/40 = 2t/30 → t = 1.5s, 40s + 45s = 600 → s = 600/85, t = 900/85;
    /// a = 49.83, b = 112.11, cost 211.76.
    @Test func nelderMeadFindsTheCheapestPackageOfAnAnalyticTwoLeverProblem() throws {
        let levers = [DecisionLever(path: "a", domain: .interval(low: 0, high: 400, integer: false)),
                      DecisionLever(path: "b", domain: .interval(low: 0, high: 400, integer: false))]
        let goal = SearchGoal(objectives: [SearchObjective(OutcomeStatistic(metric: .fiscalCostTotal, kind: .mean), maximise: false)],
                              constraints: [try ChanceConstraint.parse("converted_local.mean >= 600")])
        var options = NelderMead.Options()
        options.maxEvaluations = 2000
        options.tolerance = 1e-7
        options.restarts = 3
        let result = try NelderMead.minimise(levers, options: options) { batch in
            batch.map { x in goal.score([2 * x[0] + x[1], 40 * x[0].squareRoot() + 30 * x[1].squareRoot()]) }
        }
        let s = 600.0 / 85, t = 900.0 / 85
        // The penalty keeps the search on the feasible side of the constraint; the cost can be at
        // most 0.5 % above the analytic optimum, the levers within 3 % of theirs.
        #expect(result.best.score.isFeasible)
        #expect(abs(result.best.score.objectives[0] - (2 * s * s + t * t)) / (2 * s * s + t * t) < 0.005)
        #expect(abs(result.best.levers[0] - s * s) / (s * s) < 0.03)
        #expect(abs(result.best.levers[1] - t * t) / (t * t) < 0.03)
    }

    /// A bound that binds: minimise (x − 5)² with x in [0, 3] has its optimum on the bound x = 3,
    /// which the sine transformation reaches exactly.
    @Test func nelderMeadReachesAnOptimumOnABound() throws {
        let levers = [DecisionLever(path: "x", domain: .interval(low: 0, high: 3, integer: false)),
                      DecisionLever(path: "y", domain: .interval(low: -2, high: 2, integer: false))]
        var options = NelderMead.Options()
        options.maxEvaluations = 500
        options.tolerance = 1e-8
        let result = try NelderMead.minimise(levers, options: options) { batch in
            batch.map { CandidateScore(objectives: [pow($0[0] - 5, 2) + pow($0[1] - 0.5, 2)], violation: 0) }
        }
        #expect(abs(result.best.levers[0] - 3) < 1e-3)
        #expect(abs(result.best.levers[1] - 0.5) < 1e-3)
        // Whole-number levers are rounded before evaluation: the optimum 3 of (x − 3.2)² on 0…10.
        let integer = [DecisionLever(path: "n", domain: .interval(low: 0, high: 10, integer: true))]
        let rounded = try NelderMead.minimise(integer) { batch in
            batch.map { CandidateScore(objectives: [pow($0[0] - 3.2, 2)], violation: 0) }
        }
        #expect(rounded.best.levers == [3])
        #expect(rounded.evaluated.allSatisfy { $0.levers[0] == $0.levers[0].rounded() })
    }

    /// ZDT1 (Zitzler, Deb and Thiele 2000) with 6 variables: the Pareto front is f₂ = 1 − √f₁ for
    /// f₁ in [0, 1] (x₂…x₆ = 0). The generational distance of the final front (mean distance of
    /// each point to the analytic front) must be below 0.01, and the front must span f₁ from below
    /// 0.05 to above 0.9.
    @Test func nsga2MatchesTheAnalyticFrontOfZDT1() throws {
        let d = 6
        let levers = (0..<d).map { DecisionLever(path: "x\($0)", domain: .interval(low: 0, high: 1, integer: false)) }
        var options = NSGA2.Options()
        options.populationSize = 40
        options.generations = 200
        options.seed = 7
        let result = try NSGA2.run(levers, options: options) { batch in
            batch.map { x in
                let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(d - 1)
                return CandidateScore(objectives: [x[0], g * (1 - (x[0] / g).squareRoot())], violation: 0)
            }
        }
        func distance(_ f: [Double]) -> Double {
            // Distance to the curve f₂ = 1 − √f₁, by a fine search along it.
            (0...2000).map { k -> Double in
                let a = Double(k) / 2000
                return hypot(f[0] - a, f[1] - (1 - a.squareRoot()))
            }.min()!
        }
        let gd = result.front.map { distance($0.score.objectives) }.reduce(0, +) / Double(result.front.count)
        #expect(gd < 0.01, "generational distance \(gd)")
        #expect(result.front.count >= 15)
        #expect(result.front.map { $0.score.objectives[0] }.min()! < 0.05)
        #expect(result.front.map { $0.score.objectives[0] }.max()! > 0.9)
        // The same seed gives the same front, whatever else runs.
        let again = try NSGA2.run(levers, options: options) { batch in
            batch.map { x in
                let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(d - 1)
                return CandidateScore(objectives: [x[0], g * (1 - (x[0] / g).squareRoot())], violation: 0)
            }
        }
        #expect(again.front == result.front)
    }

    /// A constrained bi-objective problem: minimise cost x and maximise effect √x (one lever,
    /// every x is Pareto-optimal) subject to √x ≥ 0.5: the front is x in [0.25, 1], so no front
    /// member may violate the constraint and the cheapest is near 0.25.
    @Test func nsga2RespectsConstraints() throws {
        let levers = [DecisionLever(path: "x", domain: .interval(low: 0, high: 1, integer: false))]
        var options = NSGA2.Options()
        options.populationSize = 20
        options.generations = 40
        let result = try NSGA2.run(levers, options: options) { batch in
            batch.map { CandidateScore(objectives: [$0[0], -$0[0].squareRoot()], violation: max(0, 0.5 - $0[0].squareRoot())) }
        }
        #expect(result.front.allSatisfy { $0.score.isFeasible })
        #expect(abs(result.front.map { $0.levers[0] }.min()! - 0.25) < 0.02)
    }

    /// A synthetic sweep of 2,000 points uniform on [0, 1]³ where the failures are exactly the box
    /// x₀ < 0.3 and x₁ > 0.6 (x₂ irrelevant): the last box of the peeling trajectory with density
    /// 1 must restrict x₀ and x₁ only, with limits within 0.05 of 0.3 and 0.6.
    @Test func primRecoversAKnownFailureBox() throws {
        var random = SplitMix64(seed: 11)
        let x = (0..<2000).map { _ in (0..<3).map { _ in random.unit() } }
        let y = x.map { $0[0] < 0.3 && $0[1] > 0.6 }
        let boxes = try PRIM.trajectory(x: x, y: y)
        #expect(boxes[0].coverage == 1 && boxes[0].mass == 1 && boxes[0].restricted.isEmpty)
        let found = try #require(boxes.last { $0.density == 1 })
        #expect(found.restricted == [0, 1])
        #expect(abs(found.upper[0] - 0.3) < 0.05)
        #expect(abs(found.lower[1] - 0.6) < 0.05)
        #expect(found.coverage > 0.9, "coverage \(found.coverage)")
        // Coverage never rises along the peeling trajectory.
        let peels = boxes.filter { !$0.pasted }
        for (a, b) in zip(peels, peels.dropFirst()) { #expect(b.coverage <= a.coverage + 1e-12 && b.mass < a.mass) }
    }

    @Test func primQuantileIsEMAWorkbenchs() {
        // get_quantile([1,2,3,4,5], 0.05): i = 0.2 → rows 0 and 1 → 1.5; 0.95: rows 3 and 4 → 4.5.
        #expect(PRIM.quantile([5, 1, 3, 2, 4], 0.05) == 1.5)
        #expect(PRIM.quantile([5, 1, 3, 2, 4], 0.95) == 4.5)
        // Ties are widened: [1,1,1,2] at 0.05 → between 1 and 2.
        #expect(PRIM.quantile([1, 1, 1, 2], 0.05) == 1.5)
    }

    /// Goal seek on a monotone analytic case: mean(x) = 100·ln(1 + x/50) with a standard error of
    /// 4 (95 % interval ±7.84); the smallest x with mean ≥ 250 is 50·(e^2.5 − 1) = 559.12, the
    /// interval's ends where 100·ln(1 + x/50) ± 7.84 = 250.
    @Test func goalSeekFindsTheSmallestValueAndItsInterval() throws {
        let h = 1.96 * 4.0
        let result = try GoalSeek.seek(
            low: 0, high: 2000, resolution: 0.01, integer: false, holds: { $0 >= 250 },
            favourableEnd: { $0.high }, unfavourableEnd: { $0.low }) { x in
                let m = 100 * log(1 + x / 50)
                return GoalSeek.Estimate(value: m, low: m - h, high: m + h)
            }
        #expect(abs(result.answer - 50 * (exp(2.5) - 1)) < 0.02)
        #expect(abs(result.optimistic - 50 * (exp((250 - h) / 100) - 1)) < 0.02)
        #expect(abs(try #require(result.conservative) - 50 * (exp((250 + h) / 100) - 1)) < 0.02)
        // Whole-number levers: the answer is the smallest whole number meeting the target.
        let whole = try GoalSeek.seek(low: 0, high: 2000, resolution: 1, integer: true, holds: { $0 >= 250 },
                                      favourableEnd: { $0.high }, unfavourableEnd: { $0.low }) { x in
            let m = 100 * log(1 + x / 50)
            return GoalSeek.Estimate(value: m, low: m, high: m)
        }
        #expect(whole.answer == 560)
        #expect(throws: GoalSeek.Failure.self) {
            try GoalSeek.seek(low: 0, high: 100, resolution: 1, integer: true, holds: { $0 >= 250 },
                              favourableEnd: { $0.high }, unfavourableEnd: { $0.low }) { x in
                GoalSeek.Estimate(value: x, low: x, high: x)
            }
        }
    }

    @Test func constraintsParseAndMeasure() throws {
        let p = try ChanceConstraint.parse("P(converted_local >= 300) >= 0.8")
        #expect(p.measure([100, 300, 400, 500, .nan]) == 0.75)
        #expect(abs(p.violation(0.75) - 0.05) < 1e-12)
        let q = try ChanceConstraint.parse("converted_local.p20 >= 250")
        #expect(q.measure([100, 200, 300, 400, 500]) == 180)
        #expect(throws: Target.SyntaxError.self) { try ChanceConstraint.parse("P(converted_lokal >= 3) >= 0.8") }
        #expect(throws: Target.SyntaxError.self) { try ChanceConstraint.parse("P(converted_local >= 3) >= 1.5") }
        #expect(throws: Target.SyntaxError.self) { try ChanceConstraint.parse("converted_local.q20 >= 3") }
    }
}
