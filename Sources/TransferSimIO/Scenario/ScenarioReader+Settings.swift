// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// Reading one parameter's value: a scalar by the parameter's kind, or a distribution.
extension ScenarioReader {
    /// Reads the value of `spec` from `node`, checks it, and records it with its position.
    mutating func readSetting(_ spec: ParameterSpec, _ node: Node, into settings: inout [String: ParameterSetting]) {
        let origin = origin(of: node)
        guard let value = value(of: spec, node) else { return }
        if case let .schedule(schedule) = value {
            let found = spec.scheduleProblems(schedule)
            guard found.isEmpty else {
                for problem in found { report(problem.message, at: problem.origin ?? origin) }
                return
            }
        } else {
            let found = spec.problems(with: value)
            guard found.isEmpty else {
                for message in found { report(message, at: origin) }
                return
            }
        }
        if let previous = settings[spec.path]?.origin {
            report("\(spec.path) is set twice: \(Self.positions(previous, origin))", at: origin)
            return
        }
        settings[spec.path] = ParameterSetting(value, origin: origin)
    }

    private mutating func value(of spec: ParameterSpec, _ node: Node) -> ParameterValue? {
        switch node {
        case let .scalar(scalar):
            return value(of: spec, scalar, at: origin(of: node))
        case let .mapping(mapping):
            if let form = scheduleForm(mapping) {
                if let refusal = spec.scheduleRefusal {
                    report(refusal, at: origin(of: node))
                    return nil
                }
                return schedule(for: spec, mapping, form: form, at: origin(of: node)).map(ParameterValue.schedule)
            }
            if isDistribution(mapping) {
                guard spec.allowsDistribution else {
                    report(spec.problems(with: .distribution(.uniform(low: 0, high: 0))).first
                           ?? "\(spec.path) cannot be a distribution", at: origin(of: node))
                    return nil
                }
                return distribution(for: spec, mapping, at: origin(of: node)).map(ParameterValue.distribution)
            }
            var message = "\(spec.path) must be \(spec.kind.expectation), got a mapping"
            if spec.allowsDistribution {
                message += " (a distribution needs a 'dist' key, e.g. {dist: uniform, low: …, high: …})"
            }
            if spec.scheduleRefusal == nil {
                message += "; a value that changes over time is written {from_year: {1: …, 3: …}} or {ramp: {from_year: …, to_year: …, from: …, to: …}}"
            }
            report(message, at: origin(of: node))
        case .sequence, .alias:
            report("\(spec.path) must be \(spec.kind.expectation), got a list", at: origin(of: node))
        }
        return nil
    }

    private mutating func value(of spec: ParameterSpec, _ scalar: Node.Scalar, at origin: Origin) -> ParameterValue? {
        let parsed = YAMLScalar(scalar)
        var message = "\(spec.path) must be \(spec.kind.expectation), got \(YAMLScalar.describe(scalar))"
        switch spec.kind {
        case .probability, .number, .integer:
            if case let .number(x) = parsed { return .number(x) }
            if case let .text(text) = parsed, YAMLScalar.number(text) != nil {
                message += " (in quotes it is text: remove the quotes)"
            }
        case .flag:
            if case let .boolean(b) = parsed { return .number(b ? 1 : 0) }
            if case let .text(text) = parsed, ["true", "false"].contains(text.lowercased()) {
                message += " (in quotes it is text: remove the quotes)"
            }
        case let .choice(options):
            if let index = options.firstIndex(of: scalar.string) { return .number(Double(index)) }
            if let guess = closestMatch(to: scalar.string, among: options) { message += "; did you mean '\(guess)'?" }
        }
        report(message, at: origin)
        return nil
    }

    /// A distribution such as `{dist: triangular, low: 600, mode: 800, high: 1000}`: a known form
    /// with exactly its fields, numbers (lists of numbers for `discrete`).
    private mutating func distribution(for spec: ParameterSpec, _ mapping: Node.Mapping,
                                       at origin: Origin) -> Distribution? {
        let entries = entries(of: mapping, place: "in the distribution of \(spec.path)")
        guard let distEntry = entries.first(where: { $0.key == "dist" }) else { return nil }
        let names = Distribution.forms.map(\.name)
        guard case let .scalar(nameScalar) = distEntry.value,
              let form = Distribution.forms.first(where: { $0.name == nameScalar.string }) else {
            let known = "(known: \(names.joined(separator: ", ")))"
            var message: String
            if case let .scalar(nameScalar) = distEntry.value {
                message = "unknown distribution \(YAMLScalar.describe(nameScalar))"
                if let guess = closestMatch(to: nameScalar.string, among: names) { message += "; did you mean '\(guess)'?" }
                message += " " + known
            } else {
                message = "dist must name a distribution \(known), got \(describeNode(distEntry.value))"
            }
            report(message, at: self.origin(of: distEntry.value))
            return nil
        }
        let takes = "it takes \(form.fields.joined(separator: ", "))"
        var given: Set<String> = []
        var numbers: [String: Double] = [:]
        var lists: [String: [Double]] = [:]
        var complete = true
        for entry in entries where entry.key != "dist" {
            guard form.fields.contains(entry.key) else {
                var message = "unknown key '\(entry.key)' in the \(form.name) distribution of \(spec.path)"
                if let guess = closestMatch(to: entry.key, among: form.fields) { message += "; did you mean '\(guess)'?" }
                report(message + " (\(takes))", at: self.origin(of: entry.keyNode))
                complete = false
                continue
            }
            given.insert(entry.key)
            let what = "'\(entry.key)' of the \(form.name) distribution of \(spec.path)"
            if form.name == "discrete" {
                if let list = numberList(entry.value, what: what) { lists[entry.key] = list } else { complete = false }
            } else {
                if let number = number(entry.value, what: what) { numbers[entry.key] = number } else { complete = false }
            }
        }
        for field in form.fields where !given.contains(field) {
            report("the \(form.name) distribution of \(spec.path) needs '\(field)' (\(takes))", at: origin)
            complete = false
        }
        guard complete else { return nil }
        func n(_ key: String) -> Double { numbers[key] ?? .nan }
        switch form.name {
        case "uniform": return .uniform(low: n("low"), high: n("high"))
        case "triangular": return .triangular(low: n("low"), mode: n("mode"), high: n("high"))
        case "normal": return .normal(mean: n("mean"), sd: n("sd"))
        case "lognormal": return .lognormal(median: n("median"), sigma: n("sigma"))
        case "beta": return .beta(a: n("a"), b: n("b"))
        case "discrete": return .discrete(values: lists["values"] ?? [], weights: lists["weights"] ?? [])
        default:
            report("the \(form.name) distribution cannot be read from a scenario file yet", at: origin)
            return nil
        }
    }

    /// The schedule key of a mapping (`from_year` or `ramp`), if it has one.
    private func scheduleForm(_ mapping: Node.Mapping) -> String? {
        for node in mapping.keys {
            if case let .scalar(scalar) = node, ["from_year", "ramp"].contains(document.keyName(scalar)) {
                return document.keyName(scalar)
            }
        }
        return nil
    }

    /// A schedule (docs/schedules.md): `{from_year: {1: 0, 2: 40, 4: 80}}`, each value a number or a
    /// distribution in force from the start of its year, or `{ramp: {from_year: 2, to_year: 5,
    /// from: 0, to: 80}}`, linear by year. Each step is located at its year's key.
    private mutating func schedule(for spec: ParameterSpec, _ mapping: Node.Mapping, form: String,
                                   at origin: Origin) -> ParameterSchedule? {
        let entries = entries(of: mapping, place: "in the schedule of \(spec.path)")
        for entry in entries where entry.key != form {
            report("unknown key '\(entry.key)' in the schedule of \(spec.path): a schedule is {from_year: {…}} or {ramp: {…}} alone",
                   at: self.origin(of: entry.keyNode))
            return nil
        }
        guard let body = entries.first(where: { $0.key == form })?.value else { return nil }
        guard case let .mapping(inner) = body else {
            let example = form == "ramp" ? "{from_year: 2, to_year: 5, from: 0, to: 80}" : "{1: 0, 2: 40, 4: 80}"
            report("\(form) in the schedule of \(spec.path) must be a mapping such as \(example), got \(describeNode(body))",
                   at: self.origin(of: body))
            return nil
        }
        if form == "ramp" { return ramp(for: spec, inner, at: origin) }
        var steps: [ParameterSchedule.Step] = []
        var complete = true
        for entry in self.entries(of: inner, place: "in the schedule of \(spec.path)") {
            let at = self.origin(of: entry.keyNode)
            guard let year = Int(entry.key) else {
                report("\(spec.path): a schedule's keys are years (whole numbers from 1), got '\(entry.key)'", at: at)
                complete = false
                continue
            }
            if case let .mapping(m) = entry.value, scheduleForm(m) != nil {
                report("\(spec.path): a schedule's value cannot itself be a schedule", at: at)
                complete = false
                continue
            }
            guard let value = value(of: spec, entry.value) else { complete = false; continue }
            steps.append(ParameterSchedule.Step(year: year, value: value, origin: at))
        }
        guard complete else { return nil }
        return ParameterSchedule(steps: steps)
    }

    private mutating func ramp(for spec: ParameterSpec, _ mapping: Node.Mapping, at origin: Origin) -> ParameterSchedule? {
        let keys = ["from_year", "to_year", "from", "to"]
        switch spec.kind {
        case .probability, .number, .integer: break
        case .flag, .choice:
            report("\(spec.path) cannot ramp: it must be \(spec.kind.expectation); write {from_year: {…}} steps instead", at: origin)
            return nil
        }
        var numbers: [String: Double] = [:]
        var complete = true
        for entry in entries(of: mapping, place: "in the ramp of \(spec.path)") {
            guard keys.contains(entry.key) else {
                var message = "unknown key '\(entry.key)' in the ramp of \(spec.path) (it takes \(keys.joined(separator: ", ")))"
                if let guess = closestMatch(to: entry.key, among: keys) { message += "; did you mean '\(guess)'?" }
                report(message, at: self.origin(of: entry.keyNode))
                complete = false
                continue
            }
            if let x = number(entry.value, what: "'\(entry.key)' of the ramp of \(spec.path)") { numbers[entry.key] = x } else { complete = false }
        }
        for key in keys where numbers[key] == nil && complete {
            report("the ramp of \(spec.path) needs '\(key)' (it takes \(keys.joined(separator: ", ")))", at: origin)
            complete = false
        }
        guard complete, let fromYear = numbers["from_year"], let toYear = numbers["to_year"],
              let from = numbers["from"], let to = numbers["to"] else { return nil }
        guard fromYear == fromYear.rounded(), toYear == toYear.rounded(), fromYear >= 1, toYear > fromYear else {
            report("\(spec.path): a ramp's from_year and to_year must be whole years from 1 with from_year before to_year, got \(format(fromYear)) and \(format(toYear))",
                   at: origin)
            return nil
        }
        var integer = false
        if case .integer = spec.kind { integer = true }
        let ramp = ParameterSchedule.Ramp(fromYear: Int(fromYear), toYear: Int(toYear), from: from, to: to)
        return ParameterSchedule(ramp: ramp, integer: integer, origin: origin)
    }

    /// A finite number, or `nil` with a problem.
    private mutating func number(_ node: Node, what: String) -> Double? {
        if case let .scalar(scalar) = node, case let .number(x) = YAMLScalar(scalar) {
            if x.isFinite { return x }
        }
        report("\(what) must be a number, got \(describeNode(node))", at: origin(of: node))
        return nil
    }

    /// A list of finite numbers (`[1, 2, 3]`), or `nil` with a problem.
    private mutating func numberList(_ node: Node, what: String) -> [Double]? {
        guard case let .sequence(sequence) = node else {
            report("\(what) must be a list of numbers such as [1, 2, 3], got \(describeNode(node))", at: origin(of: node))
            return nil
        }
        var list: [Double] = []
        var ok = true
        for element in sequence {
            if let x = number(element, what: "each of \(what)") { list.append(x) } else { ok = false }
        }
        return ok ? list : nil
    }

    private func describeNode(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): return YAMLScalar.describe(scalar)
        case .mapping: return "a mapping"
        case .sequence, .alias: return "a list"
        }
    }
}
