// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// Reading one parameter's value: a scalar by the parameter's kind, or a distribution.
extension ScenarioReader {
    /// Reads the value of `spec` from `node`, checks it, and records it with its position.
    mutating func readSetting(_ spec: ParameterSpec, _ node: Node, into settings: inout [String: ParameterSetting]) {
        let origin = origin(of: node)
        guard let value = value(of: spec, node) else { return }
        let found = spec.problems(with: value)
        guard found.isEmpty else {
            for message in found { report(message, at: origin) }
            return
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
