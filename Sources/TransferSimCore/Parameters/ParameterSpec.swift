// SPDX-License-Identifier: GPL-3.0-or-later

/// What values a parameter accepts.
public enum ParameterKind: Sendable, Equatable {
    /// A probability or a share, in [0, 1].
    case probability
    /// A real number in the given closed range (money, land, months, rates, multipliers).
    case number(ClosedRange<Double>)
    /// A whole number in the given range (slots, counts).
    case integer(ClosedRange<Double>)
    /// A switch: `true` or `false` in a file, 1 or 0 inside the model.
    case flag
    /// One of a fixed list of names.
    case choice([String])

    /// The allowed numeric range (for choices: the option indices).
    public var range: ClosedRange<Double> {
        switch self {
        case .probability, .flag: return 0...1
        case let .number(r), let .integer(r): return r
        case let .choice(options): return 0...Double(max(options.count - 1, 0))
        }
    }

    /// Whether a parameter of this kind may be given as a distribution (MODEL.md §8): every scalar
    /// may (a whole number is drawn, then rounded); switches and choices may not.
    public var allowsDistribution: Bool {
        switch self {
        case .probability, .number, .integer: return true
        case .flag, .choice: return false
        }
    }

    /// A short description for messages, e.g. "a probability in [0, 1]".
    public var expectation: String {
        switch self {
        case .probability: return "a probability in [0, 1]"
        case let .number(r): return "a number in [\(format(r.lowerBound)), \(format(r.upperBound))]"
        case let .integer(r): return "a whole number in [\(format(r.lowerBound)), \(format(r.upperBound))]"
        case .flag: return "true or false"
        case let .choice(options): return "one of " + options.joined(separator: ", ")
        }
    }
}

/// A parameter value as a scenario gives it.
public enum ParameterValue: Sendable, Equatable, Hashable {
    /// A fixed number (flags as 0/1, choices as the option's index).
    case number(Double)
    /// Drawn once per trial.
    case distribution(Distribution)
    /// A policy value that changes at the start of given years (`ParameterSchedule.swift`).
    case schedule(ParameterSchedule)

    /// The value in a scenario-file-like form, for `params` and provenance.
    public func description(kind: ParameterKind) -> String {
        switch self {
        case let .number(x):
            switch kind {
            case .flag: return x != 0 ? "true" : "false"
            case let .choice(options): return options.indices.contains(Int(x)) ? options[Int(x)] : format(x)
            default: return format(x)
            }
        case let .distribution(d):
            switch d {
            case let .uniform(l, h): return "uniform(low \(format(l)), high \(format(h)))"
            case let .triangular(l, m, h): return "triangular(low \(format(l)), mode \(format(m)), high \(format(h)))"
            case let .normal(m, s): return "normal(mean \(format(m)), sd \(format(s)))"
            case let .lognormal(m, s): return "lognormal(median \(format(m)), sigma \(format(s)))"
            case let .beta(a, b): return "beta(a \(format(a)), b \(format(b)))"
            case let .discrete(v, _) where v.count > 12:
                // A joint sample's marginal (hundreds of values): its size and weighted mean.
                return "sample of \(v.count) values (weighted mean \(format(d.mean)), \(format(v.min() ?? 0))…\(format(v.max() ?? 0)))"
            case let .discrete(v, w):
                return "discrete(values [\(v.map(format).joined(separator: ", "))], weights [\(w.map(format).joined(separator: ", "))])"
            }
        case let .schedule(s): return s.description(kind: kind)
        }
    }
}

/// One scenario parameter: its dotted path, meaning, unit, allowed values, default and the source of
/// the default. The catalogue of these (`ParameterCatalogue`) is the one place the model's defaults
/// live.
public struct ParameterSpec: Sendable {
    /// Dotted path, e.g. `policy.income.inventor_share`.
    public let path: String
    public let kind: ParameterKind
    /// Unit, e.g. "万元", "亩", "months", "per year"; empty for probabilities and pure numbers.
    public let unit: String
    public let defaultValue: ParameterValue
    /// What the parameter means in the domain.
    public let meaning: String
    /// Where the default comes from: a CALIBRATION.md row, a seed document, or "assumption: …".
    public let source: String
    /// The value that switches the lever off (policy parameters only), where one exists.
    public let neutral: Double?

    public init(_ path: String, _ kind: ParameterKind, unit: String = "", default value: ParameterValue,
                meaning: String, source: String, neutral: Double? = nil) {
        self.path = path
        self.kind = kind
        self.unit = unit
        self.defaultValue = value
        self.meaning = meaning
        self.source = source
        self.neutral = neutral
    }

    /// Whether this is a policy lever (variants may override it).
    public var isPolicy: Bool { path.hasPrefix("policy.") }

    /// Whether a scenario may give this parameter as a distribution: any scalar but the time frame,
    /// which fixes the years every trial reports.
    public var allowsDistribution: Bool { kind.allowsDistribution && !path.hasPrefix("region.time.") }

    /// Problems with `value` for this parameter (empty when it is acceptable).
    public func problems(with value: ParameterValue) -> [String] {
        let range = kind.range
        switch value {
        case let .number(x):
            if !x.isFinite { return ["\(path) must be \(kind.expectation), got \(format(x))"] }
            if case .integer = kind, x.rounded() != x { return ["\(path) must be \(kind.expectation), got \(format(x))"] }
            if !range.contains(x) { return ["\(path) must be \(kind.expectation), got \(format(x))"] }
            return []
        case let .distribution(d):
            if !allowsDistribution {
                let why = kind.allowsDistribution ? " (the time frame is the same in every trial)" : ""
                return ["\(path) cannot be a distribution: it must be \(kind.expectation)\(why)"]
            }
            let own = d.problems.map { "\(path): \($0)" }
            if !own.isEmpty { return own }
            // Unbounded laws are truncated to the range by redrawing; their centre must lie inside it.
            switch d {
            case let .normal(mean, _):
                return range.contains(mean) ? [] : ["\(path): the normal's mean \(format(mean)) is outside the allowed range (\(kind.expectation))"]
            case let .lognormal(median, _):
                return range.contains(median) ? [] : ["\(path): the lognormal's median \(format(median)) is outside the allowed range (\(kind.expectation))"]
            default: break
            }
            let s = d.support
            if s.lowerBound < range.lowerBound || s.upperBound > range.upperBound {
                return ["\(path): the distribution reaches \(format(s.lowerBound))…\(format(s.upperBound)), outside the allowed range (\(kind.expectation))"]
            }
            return []
        case let .schedule(s):
            return scheduleProblems(s).map(\.message)
        }
    }
}

/// Shortest round-trip text for a number, locale-independent ("0.1", "1500", "1e-07").
public func format(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
