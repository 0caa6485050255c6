// SPDX-License-Identifier: GPL-3.0-or-later

/// A statistic of one outcome over a candidate's trials: its mean, or a percentile (type 7).
public struct OutcomeStatistic: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case mean
        /// The percentile at this level in (0, 1).
        case percentile(Double)
    }

    public let metric: Metric
    public let kind: Kind

    public init(metric: Metric, kind: Kind) {
        self.metric = metric
        self.kind = kind
    }

    /// `converted_local.mean`, `converted_local.p20`.
    public var description: String {
        switch kind {
        case .mean: return metric.name + ".mean"
        case let .percentile(q): return metric.name + ".p" + format(q * 100)
        }
    }

    /// The statistic over `values` (undefined trials, NaN, are left out).
    public func value(_ values: [Double]) -> Double {
        let defined = values.filter { !$0.isNaN }
        guard !defined.isEmpty else { return .nan }
        switch kind {
        case .mean: return defined.reduce(0, +) / Double(defined.count)
        case let .percentile(q): return quantile(sorted: defined.sorted(), q)
        }
    }

    /// Reads `metric.mean` or `metric.pNN` (NN from 1 to 99, decimals allowed: `p2.5`).
    public static func parse(_ text: String) throws(Target.SyntaxError) -> OutcomeStatistic {
        guard let dot = text.lastIndex(of: ".") , let metric = Metric(name: String(text[..<dot])) else {
            let name = text.split(separator: ".").first.map(String.init) ?? text
            var message = "unknown outcome '\(text)': write metric.mean or metric.pNN, e.g. converted_local.mean"
            if let guess = closestMatch(to: name, among: Metric.allCases.map(\.name)) { message += "; did you mean '\(guess)'?" }
            throw Target.SyntaxError(message: message, column: 1)
        }
        let stat = text[text.index(after: dot)...]
        if stat == "mean" { return OutcomeStatistic(metric: metric, kind: .mean) }
        if stat.first == "p", let level = Double(stat.dropFirst()), level > 0, level < 100 {
            return OutcomeStatistic(metric: metric, kind: .percentile(level / 100))
        }
        throw Target.SyntaxError(message: "unknown statistic '\(stat)' in '\(text)': use mean or pNN (a percentile, e.g. p20)",
                                 column: text.distance(from: text.startIndex, to: dot) + 2)
    }
}

/// An objective of a policy search: minimise or maximise an outcome statistic.
public struct SearchObjective: Sendable, Equatable, CustomStringConvertible {
    public let statistic: OutcomeStatistic
    public let maximise: Bool

    public init(_ statistic: OutcomeStatistic, maximise: Bool) {
        self.statistic = statistic
        self.maximise = maximise
    }

    public var description: String { (maximise ? "maximise " : "minimise ") + statistic.description }
}

/// A chance constraint: `P(metric >= x) >= p` (the share of trials in which the outcome meets a
/// bound), or a statistic against a bound, `metric.p20 >= 250` (a percentile: "in at least 80 %
/// of trials the outcome is at least 250", equivalently), or `metric.mean <= 5000`.
public struct ChanceConstraint: Sendable, Equatable, CustomStringConvertible {
    public enum Form: Sendable, Equatable {
        /// P(metric `comparison` bound) ≥ probability.
        case probability(metric: Metric, comparison: Target.Comparison, bound: Double, atLeast: Double)
        /// statistic `comparison` bound (`>=` or `<=`).
        case statistic(OutcomeStatistic, comparison: Target.Comparison, bound: Double)
    }

    public let form: Form
    public let text: String

    public var description: String { text }

    /// The constraint's measured value for `values` (one outcome per trial): the probability, or
    /// the statistic.
    public func measure(_ values: [Double]) -> Double {
        switch form {
        case let .probability(_, comparison, bound, _):
            let defined = values.filter { !$0.isNaN }
            guard !defined.isEmpty else { return .nan }
            return Double(defined.filter { comparison.holds($0, bound) }.count) / Double(defined.count)
        case let .statistic(statistic, _, _): return statistic.value(values)
        }
    }

    /// The name of what `measure` gives: `P(converted_local >= 300)` or `converted_local.p20`.
    public var measuredName: String {
        switch form {
        case let .probability(metric, comparison, bound, _): return "P(\(metric.name) \(comparison.rawValue) \(format(bound)))"
        case let .statistic(s, _, _): return s.description
        }
    }

    /// The metric the constraint reads.
    public var metric: Metric {
        switch form {
        case let .probability(metric, _, _, _): return metric
        case let .statistic(s, _, _): return s.metric
        }
    }

    /// How far `measured` falls short (0 when the constraint holds): in probability, or in the
    /// outcome's unit relative to the bound's magnitude (so shortfalls of constraints in
    /// different units add up comparably). An undefined value counts as a violation of 1.
    public func violation(_ measured: Double) -> Double {
        guard !measured.isNaN else { return 1 }
        switch form {
        case let .probability(_, _, _, p): return max(0, p - measured)
        case let .statistic(_, comparison, bound):
            let scale = max(abs(bound), 1)
            switch comparison {
            case .atLeast, .greater: return max(0, bound - measured) / scale
            case .atMost, .less: return max(0, measured - bound) / scale
            case .equal: return abs(measured - bound) / scale
            }
        }
    }

    /// Reads `P(metric OP bound) >= p` or `metric.stat OP bound` (OP one of >=, <=, >, <).
    public static func parse(_ text: String) throws(Target.SyntaxError) -> ChanceConstraint {
        let trimmed = text.trimmingCharacters(in: " \t")
        if trimmed.hasPrefix("P(") || trimmed.hasPrefix("p(") {
            guard let close = trimmed.lastIndex(of: ")") else {
                throw Target.SyntaxError(message: "missing ')' in '\(text)'; write P(converted_local >= 300) >= 0.8", column: 1)
            }
            let inner = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close])
            let (name, comparison, bound) = try split(inner, whole: text)
            guard let metric = Metric(name: name) else {
                var message = "unknown metric '\(name)' in '\(text)'"
                if let guess = closestMatch(to: name, among: Metric.allCases.map(\.name)) { message += "; did you mean '\(guess)'?" }
                throw Target.SyntaxError(message: message, column: 3)
            }
            let rest = String(trimmed[trimmed.index(after: close)...])
            let (empty, outer, p) = try split("x" + rest, whole: text)
            guard empty == "x", outer == .atLeast, p > 0, p <= 1 else {
                throw Target.SyntaxError(message: "write a probability constraint as P(\(name) \(comparison.rawValue) \(format(bound))) >= p with p in (0, 1]", column: 1)
            }
            return ChanceConstraint(form: .probability(metric: metric, comparison: comparison, bound: bound, atLeast: p), text: text)
        }
        let (name, comparison, bound) = try split(trimmed, whole: text)
        let statistic = try OutcomeStatistic.parse(name)
        guard comparison != .equal else {
            throw Target.SyntaxError(message: "a constraint compares with >=, <=, > or <, not == ('\(text)')", column: 1)
        }
        return ChanceConstraint(form: .statistic(statistic, comparison: comparison, bound: bound), text: text)
    }

    /// `name OP number`.
    private static func split(_ text: String, whole: String) throws(Target.SyntaxError) -> (String, Target.Comparison, Double) {
        let chars = Array(text)
        guard let op = chars.firstIndex(where: { "<>=".contains($0) }) else {
            throw Target.SyntaxError(message: "no comparison (>=, <=, >, <) in '\(whole)'", column: 1)
        }
        var end = op + 1
        while end < chars.count, "<>=".contains(chars[end]) { end += 1 }
        guard let comparison = Target.Comparison(rawValue: String(chars[op..<end])) else {
            throw Target.SyntaxError(message: "unknown operator '\(String(chars[op..<end]))' in '\(whole)'", column: op + 1)
        }
        let name = String(chars[..<op]).trimmingCharacters(in: " \t")
        let number = String(chars[end...]).trimmingCharacters(in: " \t")
        guard let bound = Double(number), bound.isFinite else {
            throw Target.SyntaxError(message: "expected a number after '\(comparison.rawValue)' in '\(whole)', got '\(number)'", column: end + 1)
        }
        return (name, comparison, bound)
    }
}

/// What a policy search asks of each candidate, and how one candidate's trials are measured.
public struct SearchGoal: Sendable, Equatable {
    public let objectives: [SearchObjective]
    public let constraints: [ChanceConstraint]

    public init(objectives: [SearchObjective], constraints: [ChanceConstraint]) {
        self.objectives = objectives
        self.constraints = constraints
    }

    /// A candidate's measures: each objective's statistic (in its own sense, not negated), then
    /// each constraint's measured value. This is what the journal and `front.csv` keep.
    public func measures(_ result: RunResult) -> [Double] {
        measures { result.values($0) }
    }

    /// The measures from each metric's values over the candidate's trials, in trial order (as a
    /// sweep's per-trial table gives them back: the same numbers, so the same measures).
    public func measures(values: (Metric) -> [Double]) -> [Double] {
        objectives.map { $0.statistic.value(values($0.statistic.metric)) } + constraints.map { $0.measure(values($0.metric)) }
    }

    /// The metrics the measures read.
    public var metrics: [Metric] {
        var out: [Metric] = []
        for m in objectives.map(\.statistic.metric) + constraints.map(\.metric) where !out.contains(m) { out.append(m) }
        return out
    }

    /// The score of `measures` in the search's minimisation form.
    public func score(_ measures: [Double]) -> CandidateScore {
        let k = objectives.count
        let objectiveValues = zip(objectives, measures.prefix(k)).map { o, v in v.isNaN ? Double.infinity : (o.maximise ? -v : v) }
        let violation = zip(constraints, measures.dropFirst(k)).map { $0.violation($1) }.reduce(0, +)
        return CandidateScore(objectives: objectiveValues, violation: violation)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
