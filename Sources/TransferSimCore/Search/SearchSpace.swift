// SPDX-License-Identifier: GPL-3.0-or-later

/// A decision lever of a policy search: a parameter path and the values it may take.
public struct DecisionLever: Sendable, Equatable {
    /// How a lever's values are given.
    public enum Domain: Sendable, Equatable {
        /// Any number in `[low, high]` (whole numbers only when `integer`).
        case interval(low: Double, high: Double, integer: Bool)
        /// One of a list of values (a categorical choice; the list's order carries no meaning).
        case choices([Double])
    }

    public let path: String
    public let domain: Domain

    public init(path: String, domain: Domain) {
        self.path = path
        self.domain = domain
    }

    /// The lever's value at level `u` in [0, 1]: the interval's point (rounded for whole numbers),
    /// or the choice of index ⌊u·k⌋ (the last for u = 1).
    public func value(at u: Double) -> Double {
        let u = min(max(u, 0), 1)
        switch domain {
        case let .interval(low, high, integer):
            let x = low + (high - low) * u
            return integer ? min(max(x.rounded(), low.rounded(.up)), high.rounded(.down)) : x
        case let .choices(values):
            return values[min(Int(u * Double(values.count)), values.count - 1)]
        }
    }

    /// The level `u` of a lever value (the centre of its stratum for a choice).
    public func level(of x: Double) -> Double {
        switch domain {
        case let .interval(low, high, _): return high > low ? min(max((x - low) / (high - low), 0), 1) : 0
        case let .choices(values):
            let i = values.firstIndex(of: x) ?? 0
            return (Double(i) + 0.5) / Double(values.count)
        }
    }

    /// Whether the lever takes finitely many values (whole numbers or choices).
    public var isDiscrete: Bool {
        switch domain {
        case let .interval(_, _, integer): return integer
        case .choices: return true
        }
    }
}

/// What one candidate policy achieved, in the search's minimisation form.
public struct CandidateScore: Sendable, Equatable {
    /// The objectives to minimise (a maximised outcome enters negated).
    public let objectives: [Double]
    /// The total constraint violation: 0 when every constraint holds, otherwise the sum of the
    /// shortfalls (each in its own unit: a probability, or the outcome's unit).
    public let violation: Double

    public init(objectives: [Double], violation: Double) {
        self.objectives = objectives
        self.violation = violation
    }

    public var isFeasible: Bool { violation <= 0 }

    /// Deb's constrained domination: a feasible candidate beats an infeasible one; of two
    /// infeasible ones the smaller violation wins; of two feasible ones Pareto domination decides.
    public func dominates(_ other: CandidateScore) -> Bool {
        if isFeasible != other.isFeasible { return isFeasible }
        if !isFeasible { return violation < other.violation }
        var strictly = false
        for (a, b) in zip(objectives, other.objectives) {
            if a > b { return false }
            if a < b { strictly = true }
        }
        return strictly
    }
}

/// A candidate policy (its lever values, in the levers' order) with its score.
public struct ScoredCandidate: Sendable, Equatable {
    public let levers: [Double]
    public let score: CandidateScore

    public init(levers: [Double], score: CandidateScore) {
        self.levers = levers
        self.score = score
    }
}

/// Scores a batch of candidates (lever values, in the levers' order), in the batch's order. The
/// batch's candidates are independent: an implementation may evaluate them in parallel, or look
/// them up in a journal of earlier evaluations.
public typealias CandidateEvaluator = ([[Double]]) throws -> [CandidateScore]
