// SPDX-License-Identifier: GPL-3.0-or-later

/// Morris's one-step-at-a-time trajectories (M. D. Morris, "Factorial sampling plans for
/// preliminary computational experiments", Technometrics 33, 1991).
///
/// Each parameter's level `u` in [0, 1] lives on the grid `{0, 1/(p−1), …, 1}` of `p` levels
/// (`p` even). A trajectory starts at a random grid point and moves one parameter at a time, in a
/// random order, by `±Δ` with `Δ = p / (2 (p − 1))`, so it has `k + 1` points and gives one
/// elementary effect per parameter. The rows are trajectory-major (`k + 1` rows per trajectory),
/// the layout `SALib.analyze.morris.analyze(problem, X, Y, num_levels=p)` reads.
///
/// Randomness: Philox draws through `RandomSource`, trajectory `t` on "trial" `t` of `seed`, so the
/// design is a pure function of (dimensions, trajectories, levels, seed).
public struct MorrisDesign: Sendable, Equatable {
    /// One step of a trajectory: which parameter moved, and by `+Δ` or `−Δ`.
    public struct Step: Sendable, Equatable {
        public let parameter: Int
        public let up: Bool
    }

    /// `k`, the number of parameters.
    public let dimensions: Int
    /// `r`, the number of trajectories.
    public let trajectories: Int
    /// `p`, the number of grid levels.
    public let levels: Int
    /// The step `Δ = p / (2 (p − 1))` in unit levels.
    public var delta: Double { Double(levels) / (2 * Double(levels - 1)) }
    /// The points in the unit hypercube: `trajectories × (k + 1)` rows.
    public let unitPoints: [[Double]]
    /// Per trajectory, its `k` steps in order (step `s` leads from row `s` to row `s + 1`).
    public let steps: [[Step]]

    /// The number of model evaluations, `r (k + 1)`.
    public var count: Int { trajectories * (dimensions + 1) }

    public init(dimensions: Int, trajectories: Int, levels: Int, seed: UInt64) throws(SensitivityProblem) {
        guard dimensions >= 1 else { throw SensitivityProblem("a Morris analysis needs at least one parameter") }
        guard trajectories >= 2 else {
            throw SensitivityProblem("Morris needs at least 2 trajectories (got \(trajectories)); 10 to 50 are usual")
        }
        guard levels >= 2, levels % 2 == 0 else {
            throw SensitivityProblem("Morris levels p must be even and at least 2 (got \(levels)); 4 to 8 are usual")
        }
        self.dimensions = dimensions
        self.trajectories = trajectories
        self.levels = levels
        let random = RandomSource(seed: seed)
        let grid = Double(levels - 1), delta = Double(levels) / (2 * grid)
        var points: [[Double]] = [], allSteps: [[Step]] = []
        for t in 0..<trajectories {
            random.trial = UInt32(truncatingIfNeeded: t)
            random.seek(entity: 0, purpose: .parameters)
            // A base level x* from the lower half of the grid (so x* + Δ ≤ 1), and a direction.
            var start: [Double] = [], up: [Bool] = []
            for _ in 0..<dimensions {
                let level = min(Int(random.uniform() * Double(levels / 2)), levels / 2 - 1)
                let goesUp = random.uniform() < 0.5
                start.append(goesUp ? Double(level) / grid : Double(level) / grid + delta)
                up.append(goesUp)
            }
            var order = Array(0..<dimensions)
            for i in stride(from: dimensions - 1, to: 0, by: -1) {  // Fisher–Yates
                order.swapAt(i, min(Int(random.uniform() * Double(i + 1)), i))
            }
            var x = start
            points.append(x)
            var steps: [Step] = []
            for i in order {
                x[i] = up[i] ? min(x[i] + delta, 1) : max(x[i] - delta, 0)
                points.append(x)
                steps.append(Step(parameter: i, up: up[i]))
            }
            allSteps.append(steps)
        }
        unitPoints = points
        steps = allSteps
    }
}

/// Morris's screening measures of one output, per parameter, from the elementary effects
/// `EE_i = (f(x + Δe_i) − f(x)) / Δ` (in output units per unit of the parameter's level, i.e. per
/// its whole range): `μ* = mean |EE_i|` (F. Campolongo, J. Cariboni and A. Saltelli, "An effective
/// screening design for sensitivity analysis of large models", Environmental Modelling & Software
/// 22, 2007), `μ = mean EE_i` (its sign says the direction) and `σ = sd EE_i` (n − 1 divisor;
/// large σ means interactions or non-linearity). Intervals: percentile bootstrap over trajectories.
public struct MorrisIndices: Sendable, Equatable {
    public let muStar: [SensitivityEstimate]
    public let mu: [SensitivityEstimate]
    public let sigma: [SensitivityEstimate]
}

public enum MorrisAnalysis {
    /// The measures of `outputs` (one per row of `design`, in its order).
    public static func analyse(_ outputs: [Double], design: MorrisDesign, bootstrap: Int, seed: UInt64)
        throws(SensitivityProblem) -> MorrisIndices {
        guard outputs.count == design.count else {
            throw SensitivityProblem("a Morris design of \(design.trajectories) trajectories and \(design.dimensions) parameters has \(design.count) evaluations, not \(outputs.count)")
        }
        let undefined = outputs.filter { !$0.isFinite }.count
        guard undefined == 0 else {
            throw SensitivityProblem("\(undefined) of \(outputs.count) evaluations are undefined (NaN or infinite): Morris needs every one")
        }
        let k = design.dimensions, rows = k + 1
        // effects[i][t]: the elementary effect of parameter i in trajectory t.
        var effects = Array(repeating: [Double](repeating: 0, count: design.trajectories), count: k)
        for (t, steps) in design.steps.enumerated() {
            for (s, step) in steps.enumerated() {
                let before = outputs[t * rows + s], after = outputs[t * rows + s + 1]
                effects[step.parameter][t] = (after - before) / (step.up ? design.delta : -design.delta)
            }
        }
        func measures(_ ee: [Double], _ picks: [Int]) -> (muStar: Double, mu: Double, sigma: Double) {
            let n = Double(picks.count)
            var absolute = 0.0, sum = 0.0
            for t in picks { absolute += abs(ee[t]); sum += ee[t] }
            let mean = sum / n
            var squares = 0.0
            for t in picks { squares += (ee[t] - mean) * (ee[t] - mean) }
            return (absolute / n, mean, picks.count > 1 ? (squares / (n - 1)).squareRoot() : .nan)
        }
        let everyone = Array(0..<design.trajectories)
        let resampler = BootstrapResampler(seed: seed)
        let resamples = (0..<max(bootstrap, 0)).map { resampler.indices(replicate: $0, count: design.trajectories) }
        var muStar: [SensitivityEstimate] = [], mu: [SensitivityEstimate] = [], sigma: [SensitivityEstimate] = []
        for ee in effects {
            let full = measures(ee, everyone)
            let boot = resamples.map { measures(ee, $0) }
            muStar.append(SensitivityEstimate(estimate: full.muStar, replicates: boot.map(\.muStar)))
            mu.append(SensitivityEstimate(estimate: full.mu, replicates: boot.map(\.mu)))
            sigma.append(SensitivityEstimate(estimate: full.sigma, replicates: boot.map(\.sigma)))
        }
        return MorrisIndices(muStar: muStar, mu: mu, sigma: sigma)
    }

    /// Runs `model` on every point of `design` (in the unit hypercube) and analyses the outputs.
    public static func analyse(design: MorrisDesign, bootstrap: Int, seed: UInt64, model: ([Double]) -> Double)
        throws(SensitivityProblem) -> MorrisIndices {
        try analyse(design.unitPoints.map(model), design: design, bootstrap: bootstrap, seed: seed)
    }
}
