// SPDX-License-Identifier: GPL-3.0-or-later

/// A policy value that changes over the horizon (MODEL.md §9, docs/schedules.md): the value in force
/// from the start of each listed year, e.g. PoC slots 0 in year 1, 40 from year 2, 80 from year 4.
///
/// Years count from 1 (year k starts at month 12·(k − 1)). A value may be a number or a
/// distribution; a distribution is drawn once per trial from the parameter's own stream, the same
/// stream at every date, so a schedule that reaches a value draws what an always-on variant with
/// that value draws (common random numbers). A ramp (`{ramp: {from_year, to_year, from, to}}`) is
/// kept as the yearly steps it implies, with its end points for display.
public struct ParameterSchedule: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        /// The year from whose start the value applies (1 = the first year).
        public let year: Int
        public let value: ParameterValue
        /// Where the step is written (its year's key), for messages.
        public let origin: Origin?

        public init(year: Int, value: ParameterValue, origin: Origin? = nil) {
            self.year = year
            self.value = value
            self.origin = origin
        }
    }

    /// A linear ramp by year: `from` up to `fromYear`, then linear to `to` at `toYear`, then `to`.
    public struct Ramp: Sendable, Hashable {
        public let fromYear: Int, toYear: Int
        public let from: Double, to: Double

        public init(fromYear: Int, toYear: Int, from: Double, to: Double) {
            self.fromYear = fromYear
            self.toYear = toYear
            self.from = from
            self.to = to
        }

        /// The ramp's value in year `y` (whole numbers rounded when `integer`).
        public func value(inYear y: Int, integer: Bool) -> Double {
            let x: Double
            if y <= fromYear || toYear <= fromYear { x = y >= toYear ? to : from } else if y >= toYear { x = to } else {
                x = from + (to - from) * Double(y - fromYear) / Double(toYear - fromYear)
            }
            return integer ? x.rounded() : x
        }
    }

    /// The steps, in the order written (valid schedules: strictly increasing years).
    public let steps: [Step]
    /// Set when the schedule was written as a ramp and nothing was merged into it.
    public let ramp: Ramp?

    public init(steps: [Step], ramp: Ramp? = nil) {
        self.steps = steps
        self.ramp = ramp
    }

    /// The steps of `ramp`: year 1 at `from` (when the ramp starts later), then one step a year from
    /// `fromYear` to `toYear`.
    public init(ramp: Ramp, integer: Bool, origin: Origin?) {
        var steps: [Step] = []
        if ramp.fromYear > 1 { steps.append(Step(year: 1, value: .number(ramp.value(inYear: 1, integer: integer)), origin: origin)) }
        for y in max(ramp.fromYear, 1)...max(ramp.toYear, ramp.fromYear, 1) {
            steps.append(Step(year: y, value: .number(ramp.value(inYear: y, integer: integer)), origin: origin))
        }
        self.init(steps: steps, ramp: ramp)
    }

    /// The value in force in year `y`: the last step at or before it (the first step before any).
    public func value(inYear y: Int) -> ParameterValue {
        var current = steps.first?.value ?? .number(0)
        for s in steps where s.year <= y { current = s.value }
        return current
    }

    /// The years (above 1) at whose start the value may change.
    public var changeYears: [Int] { steps.map(\.year).filter { $0 > 1 } }

    /// Whether a step is a distribution.
    public var hasDistribution: Bool {
        steps.contains { if case .distribution = $0.value { return true } else { return false } }
    }

    /// `params`'s form: "from year 1: 0; from year 2: 40; from year 4: 80", or the ramp.
    public func description(kind: ParameterKind) -> String {
        if let ramp {
            return "ramp(from year \(ramp.fromYear): \(format(ramp.from)) to year \(ramp.toYear): \(format(ramp.to)), linear by year)"
        }
        return steps.map { "from year \($0.year): \($0.value.description(kind: kind))" }.joined(separator: "; ")
    }

    /// This schedule preceded by `earlier` (a value or a schedule) before its first year: how a
    /// schedule that starts after year 1 keeps the value otherwise in force until then.
    public func after(_ earlier: ParameterValue, origin: Origin?) -> ParameterSchedule {
        guard let first = steps.first?.year, first > 1 else { return self }
        let head: [Step]
        if case let .schedule(previous) = earlier {
            head = previous.steps.filter { $0.year < first }
        } else {
            head = [Step(year: 1, value: earlier, origin: origin)]
        }
        return ParameterSchedule(steps: head + steps, ramp: nil)
    }
}

extension ParameterSpec {
    /// Why this parameter may not follow a schedule, if it may not.
    public var scheduleRefusal: String? {
        if !isPolicy {
            return "\(path) cannot follow a schedule: only policy values (policy.*) may change over time; the region is the same throughout a trial"
        }
        if path.hasPrefix("policy.funds.") {
            return "\(path) cannot follow a schedule: a fund's timing is set by its own start_month and investment period (docs/funds.md), so fund parameters are constant"
        }
        if path == "policy.roadshows.per_year" {
            return "\(path) cannot follow a schedule: the roadshow calendar is laid out once per trial; give a constant"
        }
        return nil
    }

    /// Problems with a schedule for this parameter, each at its step where it has one.
    public func scheduleProblems(_ s: ParameterSchedule) -> [(message: String, origin: Origin?)] {
        if let refusal = scheduleRefusal { return [(refusal, nil)] }
        guard !s.steps.isEmpty else { return [("\(path): a schedule needs at least one year (e.g. {from_year: {1: 0, 3: 40}})", nil)] }
        var problems: [(message: String, origin: Origin?)] = []
        var previous: Int?
        for step in s.steps {
            if step.year < 1 {
                problems.append(("\(path): schedule year \(step.year) is before year 1 (years count from 1, the horizon's first year)", step.origin))
            }
            if let previous, step.year <= previous {
                problems.append(("\(path): schedule years must increase: year \(step.year) comes after year \(previous)", step.origin))
            }
            previous = step.year
            if case .schedule = step.value {
                problems.append(("\(path): a schedule's value cannot itself be a schedule", step.origin))
                continue
            }
            problems += self.problems(with: step.value).map { ("\($0) (from year \(step.year))", step.origin) }
        }
        return problems
    }
}
