// SPDX-License-Identifier: GPL-3.0-or-later

/// The global and local sensitivity methods.
public enum SensitivityMethod: String, Sendable, CaseIterable {
    /// Sobol first-order and total indices (optionally second-order) on a Saltelli design.
    case sobol
    /// Morris elementary effects (μ*, μ, σ) on random one-step trajectories.
    case morris
    /// One-at-a-time tornado: each parameter to its low and high value around the base case.
    case oat
}

/// A sensitivity analysis of a scenario: which parameters vary over which ranges, how many trials
/// each evaluation runs, and the method's design. Each point is one model evaluation: the scenario
/// with the point's parameter values, run for `trials` trials on trial indices `0..<trials` with the
/// same seed for every point (common random numbers); its output is the mean of each metric over
/// those trials (trials where a ratio is undefined left out).
public struct SensitivityPlan: Sendable {
    /// The method's design.
    public enum Design: Sendable, Equatable {
        case sobol(SaltelliSample)
        case morris(MorrisDesign)
        /// The base case's values (the scenario's central values) and each parameter's two ends.
        case oat(base: [Double], low: [Double], high: [Double])
    }

    /// The varied parameters, in design order.
    public let parameters: [SweepParameter]
    public let design: Design
    /// Every point's parameter values, one row per point, in design order (for OAT, the base
    /// case's row holds the scenario's central values; its run leaves the scenario untouched).
    public let points: [[Double]]

    public var method: SensitivityMethod {
        switch design {
        case .sobol: return .sobol
        case .morris: return .morris
        case .oat: return .oat
        }
    }

    /// The parameters a point sets (dotted paths) and to what: all of them, except in OAT, where
    /// the base case sets none and each other point only the parameter it moves.
    public func overrides(at point: Int) -> (paths: [String], values: [Double]) {
        guard case .oat = design else { return (parameters.map(\.path), points[point]) }
        guard let (i, _) = OneAtATime.move(at: point) else { return ([], []) }
        return ([parameters[i].path], [points[point][i]])
    }

    /// A parameter's low and high ends: a range's bounds, a list's smallest and largest value, a
    /// distribution's 0 and 1 quantiles (uniform and triangular are bounded).
    public static func ends(of parameter: SweepParameter) -> (low: Double, high: Double) {
        switch parameter.values {
        case let .list(values): return (values.min() ?? .nan, values.max() ?? .nan)
        case let .range(low, high, _): return (low, high)
        case .distribution: return (parameter.value(at: 0), parameter.value(at: 1))
        }
    }

    /// The plan for `method`. `base` is the resolved scenario (whose central values are OAT's base
    /// case; whose catalogue says which parameters are whole numbers, rounded at every point).
    public init(method: SensitivityMethod, parameters: [SweepParameter], base: ResolvedParameters,
                sobolN: Int, secondOrder: Bool, trajectories: Int, levels: Int, seed: UInt64) throws(SensitivityProblem) {
        self.parameters = parameters
        let whole = parameters.map { p -> Bool in
            if case .integer? = base.catalogue.spec(for: p.path)?.kind { return true }
            return false
        }
        func values(_ unit: [[Double]]) -> [[Double]] {
            unit.map { u in
                zip(parameters.indices, u).map { i, level in
                    let x = parameters[i].value(at: level)
                    return whole[i] ? x.rounded() : x
                }
            }
        }
        switch method {
        case .sobol:
            let sample = try SaltelliSample(dimensions: parameters.count, baseSamples: sobolN, secondOrder: secondOrder)
            design = .sobol(sample)
            points = values(sample.unitPoints)
        case .morris:
            let morris = try MorrisDesign(dimensions: parameters.count, trajectories: trajectories, levels: levels, seed: seed)
            design = .morris(morris)
            points = values(morris.unitPoints)
        case .oat:
            guard !parameters.isEmpty else { throw SensitivityProblem("a one-at-a-time analysis needs at least one parameter") }
            let centre = parameters.map { base.centralValue($0.path) }
            let ends = parameters.map(Self.ends(of:))
            let low = zip(ends, whole).map { $1 ? $0.low.rounded() : $0.low }
            let high = zip(ends, whole).map { $1 ? $0.high.rounded() : $0.high }
            design = .oat(base: centre, low: low, high: high)
            points = OneAtATime.points(base: centre, low: low, high: high)
        }
    }

    /// Values each point's result holds: one mean per output, or for OAT one value per trial and
    /// output (trial-major), since its intervals are paired over trials.
    public func valuesPerPoint(outputs: Int, trials: Int) -> Int {
        method == .oat ? outputs * trials : outputs
    }

    /// Evaluates one point: `resolved` (the scenario with the point's overrides) run for `trials`
    /// trials from `seed` on one thread (points run in parallel instead), reduced to the mean of
    /// each output, or for OAT to every trial's value.
    public func evaluate(point: Int, _ resolved: ResolvedParameters, outputs: [Metric], trials: Int, seed: UInt64)
        -> SweepRunner.PointResult {
        let result = Simulation.run(resolved, RunConfiguration(trials: trials, seed: seed, threads: 1))
        var values: [Double] = []
        if method == .oat {
            values.reserveCapacity(trials * outputs.count)
            for t in 0..<trials { for m in outputs { values.append(result.value(m, trial: t)) } }
        } else {
            values = outputs.map { Summary(result.values($0)).mean }
        }
        return SweepRunner.PointResult(point: point, values: values)
    }
}
