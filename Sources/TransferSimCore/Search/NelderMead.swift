// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Foundation

/// Single-objective search by GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`)
/// over bounded levers.
///
/// Bounds are handled by transformation: the simplex moves in unbounded coordinates z, and a lever
/// takes the value `low + (high − low)·(1 + sin z)/2` (then rounded for whole-number levers, or
/// mapped to a choice), so every candidate evaluated is inside its bounds and the optimum may lie
/// on a bound (sin z = ±1) without a penalty distorting the objective near it. Constraints enter
/// as a penalty: an infeasible candidate scores `penalty × violation` above the worst feasible
/// objective seen (so any feasible candidate beats any infeasible one, and less violation beats
/// more). After the simplex converges (its size below `tolerance`) it is restarted once from the
/// best point with a fresh simplex (standard practice against Nelder–Mead's premature collapse).
///
/// The same candidate (after rounding) is never evaluated twice: results are memoised, so
/// discrete levers, where many z map to one value, cost no extra simulation.
public enum NelderMead {
    public struct Options: Sendable {
        /// Most candidate evaluations (distinct candidates simulated).
        public var maxEvaluations: Int = 80
        /// Stop when the simplex's characteristic size (in z) falls below this.
        public var tolerance: Double = 1e-3
        /// The initial step in z (radians of the sine transformation).
        public var initialStep: Double = 0.6
        /// Restarts from the best point after convergence.
        public var restarts: Int = 1
        public init() {}
    }

    public struct Result: Sendable {
        /// The best candidate found (feasible when any was).
        public let best: ScoredCandidate
        /// Every distinct candidate evaluated, in evaluation order.
        public let evaluated: [ScoredCandidate]
        /// Simplex iterations over all restarts.
        public let iterations: Int
        /// Whether the last simplex converged (rather than hitting `maxEvaluations`).
        public let converged: Bool
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The lever values of unbounded coordinates z.
    public static func levers(_ z: [Double], _ levers: [DecisionLever]) -> [Double] {
        zip(z, levers).map { $1.value(at: (1 + sin($0)) / 2) }
    }

    /// The z of lever values (the inverse transformation, z in [−π/2, π/2]).
    public static func coordinates(_ x: [Double], _ levers: [DecisionLever]) -> [Double] {
        zip(x, levers).map { asin(2 * $1.level(of: $0) - 1) }
    }

    /// Minimises `score.objectives[0]` subject to `score.violation == 0`, starting from `start`
    /// (lever values; the middle of every lever when nil). `evaluate` is called with one candidate
    /// at a time.
    public static func minimise(_ levers: [DecisionLever], start: [Double]? = nil, options: Options = Options(),
                                evaluate: @escaping CandidateEvaluator) throws -> Result {
        precondition(!levers.isEmpty)
        gsl_set_error_handler_off()
        var memo: [[Double]: CandidateScore] = [:]
        var evaluated: [ScoredCandidate] = []
        var worstFeasible = -Double.infinity
        var failure: (any Error)?
        let penalty = 1e6

        func score(_ x: [Double]) -> CandidateScore? {
            if let known = memo[x] { return known }
            guard failure == nil, evaluated.count < options.maxEvaluations else { return nil }
            do {
                let s = try evaluate([x])[0]
                memo[x] = s
                evaluated.append(ScoredCandidate(levers: x, score: s))
                if s.isFeasible, s.objectives[0].isFinite { worstFeasible = max(worstFeasible, s.objectives[0]) }
                return s
            } catch {
                failure = error
                return nil
            }
        }
        /// The penalised value the simplex sees.
        func value(_ x: [Double]) -> Double {
            guard let s = score(x) else { return .infinity }
            if s.isFeasible { return s.objectives[0].isFinite ? s.objectives[0] : .infinity }
            let base = worstFeasible.isFinite ? worstFeasible : 0
            return base + abs(base) + 1 + penalty * s.violation
        }

        final class Box {
            let f: ([Double]) -> Double
            init(_ f: @escaping ([Double]) -> Double) { self.f = f }
        }
        let n = levers.count
        var z = coordinates(start ?? levers.map { $0.value(at: 0.5) }, levers)
        var iterations = 0
        var converged = false
        for _ in 0...max(0, options.restarts) {
            let box = Box { value(Self.levers($0, levers)) }
            let context = Unmanaged.passRetained(box)
            defer { context.release() }
            var function = gsl_multimin_function(
                f: { v, params in
                    guard let v, let params else { return .infinity }
                    let box = Unmanaged<Box>.fromOpaque(params).takeUnretainedValue()
                    let z = (0..<Int(v.pointee.size)).map { gsl_vector_get(v, $0) }
                    return box.f(z)
                },
                n: n, params: context.toOpaque())
            guard let s = gsl_multimin_fminimizer_alloc(ts_multimin_nmsimplex2(), n) else {
                throw Failure(description: "cannot allocate GSL's Nelder–Mead minimiser")
            }
            defer { gsl_multimin_fminimizer_free(s) }
            let x0 = gsl_vector_alloc(n)!, step = gsl_vector_alloc(n)!
            defer { gsl_vector_free(x0); gsl_vector_free(step) }
            for i in 0..<n {
                gsl_vector_set(x0, i, z[i])
                gsl_vector_set(step, i, options.initialStep)
            }
            guard gsl_multimin_fminimizer_set(s, &function, x0, step) == GSL_SUCCESS else {
                if let failure { throw failure }
                throw Failure(description: "GSL's Nelder–Mead minimiser could not start")
            }
            converged = false
            // Memoised candidates cost nothing, so iterations are capped separately: a simplex
            // wandering among already-evaluated whole-number candidates stops too.
            var iterationsHere = 0
            while evaluated.count < options.maxEvaluations, failure == nil, iterationsHere < 50 * options.maxEvaluations {
                iterations += 1
                iterationsHere += 1
                let status = gsl_multimin_fminimizer_iterate(s)
                if status != GSL_SUCCESS { break }  // GSL_ENOPROG: no further progress possible
                if gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), options.tolerance) == GSL_SUCCESS {
                    converged = true
                    break
                }
            }
            if let failure { throw failure }
            let best = s.pointee.x!
            z = (0..<n).map { gsl_vector_get(best, $0) }
            if evaluated.count >= options.maxEvaluations { break }
        }
        if let failure { throw failure }
        guard let best = bestOf(evaluated) else { throw Failure(description: "no candidate was evaluated") }
        return Result(best: best, evaluated: evaluated, iterations: iterations, converged: converged)
    }

    /// The best of `candidates`: feasible before infeasible, then the lowest objective (or the
    /// lowest violation), the earliest on ties.
    public static func bestOf(_ candidates: [ScoredCandidate]) -> ScoredCandidate? {
        candidates.min { a, b in
            if a.score.isFeasible != b.score.isFeasible { return a.score.isFeasible }
            if !a.score.isFeasible { return a.score.violation < b.score.violation }
            return a.score.objectives[0] < b.score.objectives[0]
        }
    }
}
