// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore
import Yams

/// A sensitivity spec: which scenario and policy, which parameters vary over which ranges, the
/// outputs of interest, the trials per evaluation, the seed, and each method's settings.
///
/// ```yaml
/// scenario: ../default.yaml            # relative to the spec file
/// policy: baseline
/// method: sobol                        # sobol | morris | oat (--method overrides)
/// trials: 20                           # per evaluation (--trials overrides)
/// seed: 20260101
/// outputs: [local_conversion_share, fiscal_cost_per_local_conversion]
/// parameters:                          # the sweep file's forms
///   policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
///   region.arrivals.annual_disclosures: {dist: triangular, low: 650, mode: 800, high: 950}
/// sobol: {n: 256, second_order: false, bootstrap: 1000}
/// morris: {trajectories: 20, levels: 4, bootstrap: 1000}
/// ```
public struct SensitivitySpec: Sendable {
    public var scenarioPath: String
    public var policy: String
    public var method: SensitivityMethod
    public var parameters: [SweepParameter]
    /// Where each parameter is named in the spec (for messages about its values).
    public var parameterOrigins: [Origin]
    public var outputs: [Metric]
    public var trials: Int
    public var seed: UInt64
    /// Sobol: the base sample size N (a power of two), second-order indices or not.
    public var sobolN: Int
    public var secondOrder: Bool
    /// Morris: trajectories r and grid levels p.
    public var trajectories: Int
    public var levels: Int
    /// Bootstrap resamples for the Sobol and Morris intervals (OAT's are paired t intervals).
    public var sobolBootstrap: Int
    public var morrisBootstrap: Int

    static let keys = ["scenario", "policy", "method", "trials", "seed", "outputs", "parameters", "sobol", "morris"]

    /// The bootstrap resamples of the current method.
    public var bootstrap: Int { method == .morris ? morrisBootstrap : sobolBootstrap }

    /// Reads a spec given as text; `file` names it in messages, and the scenario path is resolved
    /// against its folder.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> SensitivitySpec {
        let document = try YAMLDocument.compose(yaml, file: file)
        func origin(_ node: Node) -> Origin { Origin(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1) }
        let top = Origin(file: file, line: 1, column: 1)
        guard case let .mapping(mapping)? = document.root else {
            throw ScenarioError("not a sensitivity spec: expected a mapping with \(keys.joined(separator: ", "))", at: top)
        }
        var problems: [ScenarioProblem] = []
        let values = known(mapping, keys: keys, what: "the sensitivity spec", origin: origin, problems: &problems)
        func whole(_ node: Node?, _ name: String, default value: Int, atLeast minimum: Int) -> Int {
            guard let node else { return value }
            guard let x = node.string.flatMap(Int.init), x >= minimum else {
                problems.append(ScenarioProblem("\(name) must be a whole number, at least \(minimum)", at: origin(node)))
                return value
            }
            return x
        }
        var spec = SensitivitySpec(scenarioPath: "", policy: values["policy"]?.string ?? "baseline", method: .sobol,
                                   parameters: [], parameterOrigins: [], outputs: [], trials: 20, seed: 20_260_101,
                                   sobolN: 256, secondOrder: false, trajectories: 20, levels: 4,
                                   sobolBootstrap: 1000, morrisBootstrap: 1000)
        let folder = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) + "/" : ""
        if let path = values["scenario"]?.string, !path.isEmpty {
            spec.scenarioPath = path.hasPrefix("/") ? path : folder + path
        } else {
            problems.append(ScenarioProblem("the sensitivity spec must name a scenario (scenario: path)", at: values["scenario"].map(origin) ?? top))
        }
        if let node = values["method"] {
            let name = node.string ?? ""
            if let method = SensitivityMethod(rawValue: name) { spec.method = method } else {
                problems.append(ScenarioProblem(unknown("method", name, among: SensitivityMethod.allCases.map(\.rawValue)), at: origin(node)))
            }
        }
        spec.trials = whole(values["trials"], "trials", default: 20, atLeast: 1)
        if let node = values["seed"] {
            if let seed = node.string.flatMap(UInt64.init) { spec.seed = seed } else {
                problems.append(ScenarioProblem("seed must be a whole number from 0 to \(UInt64.max)", at: origin(node)))
            }
        }
        if case let .sequence(items)? = values["outputs"], !items.isEmpty {
            for item in items {
                let name = item.string ?? ""
                if let metric = Metric(name: name) {
                    if spec.outputs.contains(metric) {
                        problems.append(ScenarioProblem("output '\(name)' is listed twice", at: origin(item)))
                    } else {
                        spec.outputs.append(metric)
                    }
                } else {
                    problems.append(ScenarioProblem(unknown("output", name, among: Metric.allCases.map(\.name)), at: origin(item)))
                }
            }
        } else {
            problems.append(ScenarioProblem("the sensitivity spec must list its outputs, metric names such as [local_conversion_share]",
                                            at: values["outputs"].map(origin) ?? top))
        }
        if case let .mapping(list)? = values["parameters"], !list.isEmpty {
            let found = SweepSpec.parameters(list, origin: origin, problems: &problems)
            var seen: Set<String> = []
            for (parameter, at) in found where !seen.insert(parameter.path).inserted {
                problems.append(ScenarioProblem("'\(parameter.path)' is listed twice", at: at))
            }
            spec.parameters = found.map(\.parameter)
            spec.parameterOrigins = found.map(\.origin)
        } else {
            problems.append(ScenarioProblem("the sensitivity spec must list parameters (a mapping of dotted paths to ranges)",
                                            at: values["parameters"].map(origin) ?? top))
        }
        if let node = values["sobol"] {
            let settings = section(node, "sobol", ["n", "second_order", "bootstrap"], origin: origin, problems: &problems)
            spec.sobolN = whole(settings["n"], "sobol.n", default: 256, atLeast: 2)
            if let n = settings["n"], spec.sobolN & (spec.sobolN - 1) != 0 {
                problems.append(ScenarioProblem("sobol.n must be a power of two (got \(spec.sobolN)): the Sobol sequence's balance holds at powers of two", at: origin(n)))
            }
            spec.sobolBootstrap = whole(settings["bootstrap"], "sobol.bootstrap", default: 1000, atLeast: 0)
            if let flag = settings["second_order"] {
                switch flag.string {
                case "true": spec.secondOrder = true
                case "false": spec.secondOrder = false
                default: problems.append(ScenarioProblem("sobol.second_order must be true or false", at: origin(flag)))
                }
            }
        }
        if let node = values["morris"] {
            let settings = section(node, "morris", ["trajectories", "levels", "bootstrap"], origin: origin, problems: &problems)
            spec.trajectories = whole(settings["trajectories"], "morris.trajectories", default: 20, atLeast: 2)
            spec.levels = whole(settings["levels"], "morris.levels", default: 4, atLeast: 2)
            if let levels = settings["levels"], spec.levels % 2 != 0 {
                problems.append(ScenarioProblem("morris.levels must be even (got \(spec.levels)): Δ = p / (2(p − 1)) then keeps every level equally likely", at: origin(levels)))
            }
            spec.morrisBootstrap = whole(settings["bootstrap"], "morris.bootstrap", default: 1000, atLeast: 0)
        }
        let twice = 2 * spec.parameters.count
        if spec.method == .sobol, twice > SweepDesign.sobolDimensionLimit, let node = values["parameters"] {
            problems.append(ScenarioProblem("a Sobol analysis of \(spec.parameters.count) parameters needs \(twice) Sobol dimensions; GSL's sequence has at most \(SweepDesign.sobolDimensionLimit), so at most \(SaltelliSample.maximumDimensions) parameters (use method: morris)", at: origin(node)))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return spec
    }

    /// The top-level keys of `mapping` by name; unknown keys are problems with a "did you mean".
    static func known(_ mapping: Node.Mapping, keys: [String], what: String, origin: (Node) -> Origin,
                      problems: inout [ScenarioProblem]) -> [String: Node] {
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if keys.contains(name) { values[name] = value; continue }
            problems.append(ScenarioProblem(unknown("key", name, among: keys) + " in \(what)", at: origin(key)))
        }
        return values
    }

    static func section(_ node: Node, _ name: String, _ keys: [String], origin: (Node) -> Origin,
                        problems: inout [ScenarioProblem]) -> [String: Node] {
        guard case let .mapping(mapping) = node else {
            problems.append(ScenarioProblem("\(name) must be a mapping of \(keys.joined(separator: ", "))", at: origin(node)))
            return [:]
        }
        return known(mapping, keys: keys, what: "the \(name) settings", origin: origin, problems: &problems)
    }

    static func unknown(_ what: String, _ name: String, among names: [String]) -> String {
        var message = "unknown \(what) '\(name)'"
        if let guess = closestMatch(to: name, among: names) { message += "; did you mean '\(guess)'?" }
        return message
    }

    /// The number of model evaluations the method needs, computed without generating them:
    /// Sobol (Saltelli) N (k + 2), or N (2k + 2) with second-order indices; Morris r (k + 1);
    /// one-at-a-time 2k + 1, for k parameters. `nil` when it exceeds `Int.max`.
    public var plannedPoints: Int? {
        let k = parameters.count
        func product(_ a: Int, _ b: Int) -> Int? {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : value
        }
        switch method {
        case .sobol: return product(sobolN, secondOrder ? 2 * k + 2 : k + 2)
        case .morris: return product(trajectories, k + 1)
        case .oat: return 2 * k + 1
        }
    }
}
