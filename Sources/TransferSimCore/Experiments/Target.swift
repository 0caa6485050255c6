// SPDX-License-Identifier: GPL-3.0-or-later

/// A condition on a run's results that CI can assert, written
/// `[policy/]metric.statistic operator number`, e.g. `local_conversion_share.mean >= 0.02` or
/// `land_release/converted_local.diff > 0` (a `compare.csv` row).
///
/// `statistic` is a column of `summary.csv` (`n`, `mean`, `sd`, `se`, `ci_low`, `ci_high`, `p05`,
/// `p25`, `p50`, `p75`, `p95`, `min`, `max`) or of `compare.csv` (`diff`, `diff_ci_low`,
/// `diff_ci_high`, `rel_diff`, `p_better`); `operator` is one of `>=`, `<=`, `>`, `<`, `==`.
/// An undefined value (NaN) never satisfies a target.
public struct Target: Sendable, Equatable, CustomStringConvertible {
    /// The statistics a target may name.
    public enum Statistic: String, Sendable, CaseIterable {
        case n, mean, sd, se, ciLow = "ci_low", ciHigh = "ci_high", p05, p25, p50, p75, p95, min, max
        case diff, diffCILow = "diff_ci_low", diffCIHigh = "diff_ci_high", relDiff = "rel_diff", pBetter = "p_better"
    }

    /// The comparison operators.
    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", atMost = "<=", greater = ">", less = "<", equal = "=="

        func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atLeast: return value >= threshold
            case .atMost: return value <= threshold
            case .greater: return value > threshold
            case .less: return value < threshold
            case .equal: return value == threshold
            }
        }
    }

    /// A policy name for `compare` results (`nil`: the run's own, or the baseline's, metric).
    public let policy: String?
    /// The metric (`Metric.name`).
    public let metric: Metric
    public let statistic: Statistic
    public let comparison: Comparison
    public let threshold: Double

    public init(policy: String? = nil, metric: Metric, statistic: Statistic, comparison: Comparison, threshold: Double) {
        self.policy = policy
        self.metric = metric
        self.statistic = statistic
        self.comparison = comparison
        self.threshold = threshold
    }

    /// The value's key in a results table: `metric.statistic` or `policy/metric.statistic`.
    public var key: String { (policy.map { $0 + "/" } ?? "") + metric.name + "." + statistic.rawValue }

    /// The target in its canonical written form, e.g. `local_conversion_share.mean >= 0.02`.
    public var description: String { "\(key) \(comparison.rawValue) \(format(threshold))" }

    /// Whether `value` satisfies the target (never when it is NaN).
    public func holds(_ value: Double) -> Bool { !value.isNaN && comparison.holds(value, threshold) }

    /// What is wrong with a written target: a message and the 1-based column in the text.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public let column: Int
        public var description: String { message }
    }

    /// Reads a written target (see the type's description).
    public static func parse(_ text: String) throws(SyntaxError) -> Target {
        let chars = Array(text)
        let form = "write targets as 'metric.statistic >= number', e.g. 'local_conversion_share.mean >= 0.02'"
        // The first operator character splits the left and right sides.
        guard let opIndex = chars.firstIndex(where: { "<>=!".contains($0) }) else {
            throw SyntaxError(message: "no comparison operator (>=, <=, >, <, ==) in target '\(text)'; \(form)", column: 1)
        }
        var opEnd = opIndex + 1
        while opEnd < chars.count, "<>=!".contains(chars[opEnd]) { opEnd += 1 }
        let opText = String(chars[opIndex..<opEnd])
        guard let comparison = Comparison(rawValue: opText) else {
            throw SyntaxError(message: "unknown operator '\(opText)' in target '\(text)' (use >=, <=, >, < or ==)",
                              column: opIndex + 1)
        }
        let left = String(chars[..<opIndex]).trimmingSpaces
        let leftStart = (chars.firstIndex { $0 != " " } ?? 0) + 1
        let rightRaw = String(chars[opEnd...])
        let right = rightRaw.trimmingSpaces
        let rightStart = opEnd + 1 + (rightRaw.count - rightRaw.drop { $0 == " " }.count)
        guard let threshold = Double(right), threshold.isFinite else {
            throw SyntaxError(message: "expected a number after '\(opText)' in target '\(text)', got '\(right)'",
                              column: rightStart)
        }
        var name = Substring(left)
        var policy: String?
        if let slash = name.firstIndex(of: "/") {
            policy = String(name[..<slash])
            name = name[name.index(after: slash)...]
            if policy?.isEmpty ?? true {
                throw SyntaxError(message: "empty policy name before '/' in target '\(text)'", column: leftStart)
            }
        }
        guard let dot = name.lastIndex(of: ".") else {
            throw SyntaxError(message: "expected 'metric.statistic' before '\(opText)' in target '\(text)'; \(form)",
                              column: leftStart)
        }
        let metricName = String(name[..<dot]), statName = String(name[name.index(after: dot)...])
        let metricColumn = leftStart + (policy.map { $0.count + 1 } ?? 0)
        guard let metric = Metric(name: metricName) else {
            var message = "unknown metric '\(metricName)' in target '\(text)'"
            if let guess = closestMatch(to: metricName, among: Metric.allCases.map(\.name)) {
                message += "; did you mean '\(guess)'?"
            }
            throw SyntaxError(message: message, column: metricColumn)
        }
        guard let statistic = Statistic(rawValue: statName) else {
            let names = Statistic.allCases.map(\.rawValue)
            var message = "unknown statistic '\(statName)' in target '\(text)'"
            if let guess = closestMatch(to: statName, among: names) {
                message += "; did you mean '\(guess)'?"
            } else {
                message += " (one of \(names.joined(separator: ", ")))"
            }
            throw SyntaxError(message: message, column: metricColumn + metricName.count + 1)
        }
        return Target(policy: policy, metric: metric, statistic: statistic, comparison: comparison, threshold: threshold)
    }
}

/// A target a scenario file states, with where.
public struct ScenarioTarget: Sendable, Equatable {
    public let target: Target
    public let origin: Origin?

    public init(_ target: Target, origin: Origin? = nil) {
        self.target = target
        self.origin = origin
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
