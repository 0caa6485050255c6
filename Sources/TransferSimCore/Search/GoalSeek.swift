// SPDX-License-Identifier: GPL-3.0-or-later

/// Goal seek: the smallest value of one lever at which a target holds, by bisection on common
/// random numbers.
///
/// Every value is evaluated on the same trials, so the estimated statistic is a deterministic
/// function of the lever; the method assumes the target holds on an upper interval of the lever
/// (a statistic that rises with the lever for `>=`, falls for `<=`). Three bisections run on that
/// one function: on the estimate itself (the answer), on the upper end of its 95 % interval (the
/// smallest value at which the target is still plausible: the optimistic end of the answer's
/// interval) and on the lower end (the smallest value at which the target holds with 97.5 %
/// confidence: the conservative end). The interval of the answer is therefore the set of lever
/// values whose statistic's 95 % interval contains the threshold, give or take the bisection's
/// resolution. Evaluations are memoised: the three bisections share their points.
public enum GoalSeek {
    /// A statistic's estimate and its 95 % interval at one lever value.
    public struct Estimate: Sendable, Equatable {
        public let value: Double
        public let low: Double
        public let high: Double
        public init(value: Double, low: Double, high: Double) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    public struct Result: Sendable {
        /// The smallest lever value at which the estimate meets the target (within the resolution).
        public let answer: Double
        /// The smallest value at which the 95 % interval's favourable end meets it.
        public let optimistic: Double
        /// The smallest value at which the interval's unfavourable end meets it; nil when even the
        /// upper bound does not meet it with confidence.
        public let conservative: Double?
        /// The estimate at the answer.
        public let estimate: Estimate
        /// Every lever value evaluated, in order, with its estimate.
        public let evaluated: [(lever: Double, estimate: Estimate)]
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The target already holds at the lower bound: the answer is the bound itself.
        case metAtLowerBound(Estimate)
        /// The target does not hold at the upper bound: no value inside the bounds meets it.
        case notMetAtUpperBound(Estimate)

        public var description: String {
            switch self {
            case let .metAtLowerBound(e): return "the target already holds at the lower bound (estimate \(format(e.value)))"
            case let .notMetAtUpperBound(e): return "the target does not hold even at the upper bound (estimate \(format(e.value)))"
            }
        }
    }

    /// Seeks the smallest lever value in `[low, high]` meeting `holds` (applied to the estimate,
    /// or an end of its interval), to within `resolution` (a whole-number lever uses 1).
    public static func seek(low: Double, high: Double, resolution: Double, integer: Bool,
                            holds: (Double) -> Bool, favourableEnd: (Estimate) -> Double, unfavourableEnd: (Estimate) -> Double,
                            evaluate: (Double) throws -> Estimate) throws -> Result {
        var memo: [Double: Estimate] = [:]
        var evaluated: [(lever: Double, estimate: Estimate)] = []
        func at(_ x: Double) throws -> Estimate {
            if let e = memo[x] { return e }
            let e = try evaluate(x)
            memo[x] = e
            evaluated.append((x, e))
            return e
        }
        let lowEstimate = try at(low), highEstimate = try at(high)
        if holds(lowEstimate.value) { throw Failure.metAtLowerBound(lowEstimate) }
        if !holds(highEstimate.value) { throw Failure.notMetAtUpperBound(highEstimate) }
        let step = integer ? 1 : resolution
        /// The smallest value with `condition` holding, assuming it fails at `a` and holds at `b`.
        func bisect(_ condition: (Estimate) -> Bool) throws -> Double? {
            var a = low, b = high
            if !condition(try at(b)) { return nil }
            if condition(try at(a)) { return a }
            while b - a > step {
                var m = (a + b) / 2
                if integer { m = m.rounded(.down) }
                if m <= a || m >= b { break }
                if condition(try at(m)) { b = m } else { a = m }
            }
            return b
        }
        let answer = try bisect { holds($0.value) }!
        let optimistic = try bisect { holds(favourableEnd($0)) } ?? answer
        let conservative = try bisect { holds(unfavourableEnd($0)) }
        return Result(answer: answer, optimistic: optimistic, conservative: conservative,
                      estimate: memo[answer]!, evaluated: evaluated)
    }
}
