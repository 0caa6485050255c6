// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore
import Yams

/// An optimisation spec (`transfersim optimise SPEC`): the scenario and base policy, the decision
/// levers with their bounds, the objectives, the chance constraints, the trials and the search's
/// settings.
///
/// ```yaml
/// scenario: ../default.yaml            # relative to the spec; left out: the bundled default
/// policy: baseline                     # the policy the levers are set on top of
/// trials: 200                          # every candidate runs trials 0..<trials (CRN)
/// fresh_trials: 200                    # the final answer is re-run on trials trials..<trials+fresh
/// seed: 20260101
/// levers:
///   policy.land.annual_quota_mu: {low: 0, high: 800, integer: true}
///   policy.licensing.local_subsidy_rate: {low: 0, high: 0.3}
///   policy.income.inventor_share: {values: [0.5, 0.6, 0.7]}
/// objectives:
///   - minimise: fiscal_cost_total.mean
///   - maximise: converted_local.mean     # two or more objectives: NSGA-II
/// constraints:
///   - P(converted_local >= 300) >= 0.8
///   - converted_local.p10 >= 200
/// search: {evaluations: 60, population: 24, generations: 10, seed: 1}
/// ```
public struct OptimiseSpec: Sendable {
    public var scenarioPath: String?
    public var policy: String = "baseline"
    public var trials: Int = 200
    public var freshTrials: Int = 200
    public var seed: UInt64 = 20_260_101
    public var levers: [DecisionLever] = []
    public var goal: SearchGoal
    public var nelderMead = NelderMead.Options()
    public var nsga2 = NSGA2.Options()

    /// A spec with the defaults and `goal` (goal seek without a spec file uses one with no goal).
    public init(goal: SearchGoal) { self.goal = goal }

    static let keys = ["scenario", "policy", "trials", "fresh_trials", "seed", "levers", "objectives", "constraints", "search"]
    static let searchKeys = ["evaluations", "restarts", "tolerance", "population", "generations", "seed"]

    /// The method the objectives call for.
    public var method: String { goal.objectives.count > 1 ? "nsga2" : "nelder_mead" }

    /// Reads a spec given as text; `file` names it in messages and anchors a relative scenario path.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> OptimiseSpec {
        let document = try YAMLDocument.compose(yaml, file: file)
        func origin(_ node: Node) -> Origin { Origin(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1) }
        let top1 = Origin(file: file, line: 1, column: 1)
        guard case let .mapping(top)? = document.root else {
            throw ScenarioError("not an optimisation spec: expected a mapping with \(keys.joined(separator: ", "))", at: top1)
        }
        var problems: [ScenarioProblem] = []
        var values: [String: Node] = [:]
        for (key, value) in top {
            let name = key.string ?? ""
            if keys.contains(name) { values[name] = value; continue }
            var message = "unknown key '\(name)' in the optimisation spec"
            if let guess = closestMatch(to: name, among: keys) { message += "; did you mean '\(guess)'?" }
            problems.append(ScenarioProblem(message, at: origin(key)))
        }
        func wholeNumber(_ node: Node, _ name: String, minimum: Int) -> Int? {
            guard let x = node.string.flatMap(Int.init), x >= minimum else {
                problems.append(ScenarioProblem("\(name) must be a whole number of at least \(minimum)", at: origin(node)))
                return nil
            }
            return x
        }
        var spec = OptimiseSpec(goal: SearchGoal(objectives: [], constraints: []))
        let base = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) + "/" : ""
        if let node = values["scenario"] {
            if let path = node.string, !path.isEmpty { spec.scenarioPath = path.hasPrefix("/") ? path : base + path } else {
                problems.append(ScenarioProblem("scenario must be a file path", at: origin(node)))
            }
        }
        if let node = values["policy"] {
            if let name = node.string, !name.isEmpty { spec.policy = name } else {
                problems.append(ScenarioProblem("policy must be a policy name (baseline, a variant or a+b)", at: origin(node)))
            }
        }
        if let node = values["trials"], let n = wholeNumber(node, "trials", minimum: 1) { spec.trials = n }
        if let node = values["fresh_trials"], let n = wholeNumber(node, "fresh_trials", minimum: 1) { spec.freshTrials = n }
        if let node = values["seed"] {
            if let s = node.string.flatMap(UInt64.init) { spec.seed = s } else {
                problems.append(ScenarioProblem("seed must be a whole number from 0 to 18446744073709551615", at: origin(node)))
            }
        }
        // Levers.
        let catalogue = ParameterCatalogue.standard
        if case let .mapping(list)? = values["levers"], list.count > 0 {
            for (key, value) in list {
                let path = key.string ?? ""
                guard let index = catalogue.index(of: path) else {
                    var message = "unknown parameter '\(path)'"
                    if let guess = catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                    problems.append(ScenarioProblem(message, at: origin(key)))
                    continue
                }
                let spec0 = catalogue.specs[index]
                func allowed(_ x: Double, _ node: Node) -> Bool {
                    let found = spec0.problems(with: .number(x))
                    for p in found { problems.append(ScenarioProblem("'\(path)' = \(format(x)): \(p)", at: origin(node))) }
                    return found.isEmpty
                }
                guard case let .mapping(m) = value else {
                    problems.append(ScenarioProblem("'\(path)' needs {low: …, high: …} (integer: true for whole numbers) or {values: [...]}", at: origin(value)))
                    continue
                }
                let allowedKeys = m["values"] != nil ? ["values"] : ["low", "high", "integer"]
                var ok = true
                for (k, _) in m where !allowedKeys.contains(k.string ?? "") {
                    var message = "unknown key '\(k.string ?? "")' in lever '\(path)' (it takes \(allowedKeys.joined(separator: ", ")))"
                    if let guess = closestMatch(to: k.string ?? "", among: allowedKeys) { message += "; did you mean '\(guess)'?" }
                    problems.append(ScenarioProblem(message, at: origin(k)))
                    ok = false
                }
                guard ok else { continue }
                if let node = m["values"] {
                    guard case let .sequence(items) = node, !items.isEmpty else {
                        problems.append(ScenarioProblem("'\(path)': values must be a non-empty list of numbers", at: origin(node)))
                        continue
                    }
                    var xs: [Double] = []
                    for item in items {
                        guard let x = item.string.flatMap(Double.init), x.isFinite else {
                            problems.append(ScenarioProblem("'\(path)': '\(item.string ?? "")' is not a number", at: origin(item)))
                            continue
                        }
                        if allowed(x, item) { xs.append(x) }
                    }
                    if xs.count == items.count { spec.levers.append(DecisionLever(path: path, domain: .choices(xs))) }
                    continue
                }
                guard let lowNode = m["low"], let highNode = m["high"] else {
                    problems.append(ScenarioProblem("'\(path)' needs both low and high", at: origin(value)))
                    continue
                }
                guard let low = lowNode.string.flatMap(Double.init), low.isFinite else {
                    problems.append(ScenarioProblem("'\(path)': low must be a number", at: origin(lowNode)))
                    continue
                }
                guard let high = highNode.string.flatMap(Double.init), high.isFinite else {
                    problems.append(ScenarioProblem("'\(path)': high must be a number", at: origin(highNode)))
                    continue
                }
                var integer = false
                if let node = m["integer"] {
                    switch node.string {
                    case "true": integer = true
                    case "false": integer = false
                    default: problems.append(ScenarioProblem("'\(path)': integer must be true or false", at: origin(node)))
                    }
                }
                guard low < high else {
                    problems.append(ScenarioProblem("'\(path)': low (\(format(low))) must be below high (\(format(high)))", at: origin(lowNode)))
                    continue
                }
                guard allowed(low, lowNode), allowed(high, highNode) else { continue }
                if case .integer = spec0.kind { integer = true }  // a whole-number parameter is searched on whole numbers
                spec.levers.append(DecisionLever(path: path, domain: .interval(low: low, high: high, integer: integer)))
            }
        } else {
            problems.append(ScenarioProblem("the spec must list levers: a mapping of parameter paths to {low, high} or {values}",
                                            at: values["levers"].map(origin) ?? top1))
        }
        // Objectives.
        var objectives: [SearchObjective] = []
        if case let .sequence(items)? = values["objectives"], !items.isEmpty {
            for item in items {
                guard case let .mapping(m) = item, m.count == 1, let (key, value) = m.first,
                      let sense = key.string, ["minimise", "minimize", "maximise", "maximize"].contains(sense) else {
                    problems.append(ScenarioProblem("an objective is '- minimise: metric.stat' or '- maximise: metric.stat'", at: origin(item)))
                    continue
                }
                do throws(Target.SyntaxError) {
                    let statistic = try OutcomeStatistic.parse(value.string ?? "")
                    objectives.append(SearchObjective(statistic, maximise: sense.hasPrefix("maxi")))
                } catch {
                    problems.append(ScenarioProblem(error.message, at: origin(value)))
                }
            }
        } else {
            problems.append(ScenarioProblem("the spec must list objectives, e.g. '- minimise: fiscal_cost_total.mean'",
                                            at: values["objectives"].map(origin) ?? top1))
        }
        var constraints: [ChanceConstraint] = []
        if let node = values["constraints"] {
            if case let .sequence(items) = node {
                for item in items {
                    do throws(Target.SyntaxError) {
                        constraints.append(try ChanceConstraint.parse(item.string ?? ""))
                    } catch {
                        let at = origin(item)
                        problems.append(ScenarioProblem(error.message, at: Origin(file: file, line: at.line, column: at.column + error.column - 1)))
                    }
                }
            } else {
                problems.append(ScenarioProblem("constraints must be a list, e.g. ['P(converted_local >= 300) >= 0.8']", at: origin(node)))
            }
        }
        spec.goal = SearchGoal(objectives: objectives, constraints: constraints)
        if let node = values["search"] {
            if case let .mapping(m) = node {
                for (key, value) in m {
                    let name = key.string ?? ""
                    switch name {
                    case "evaluations": if let n = wholeNumber(value, name, minimum: 3) { spec.nelderMead.maxEvaluations = n }
                    case "restarts": if let n = wholeNumber(value, name, minimum: 0) { spec.nelderMead.restarts = n }
                    case "population": if let n = wholeNumber(value, name, minimum: 4) { spec.nsga2.populationSize = n }
                    case "generations": if let n = wholeNumber(value, name, minimum: 1) { spec.nsga2.generations = n }
                    case "seed":
                        if let s = value.string.flatMap(UInt64.init) { spec.nsga2.seed = s } else {
                            problems.append(ScenarioProblem("search seed must be a whole number", at: origin(value)))
                        }
                    case "tolerance":
                        if let x = value.string.flatMap(Double.init), x > 0 { spec.nelderMead.tolerance = x } else {
                            problems.append(ScenarioProblem("tolerance must be a positive number", at: origin(value)))
                        }
                    default:
                        var message = "unknown key '\(name)' in search (it takes \(searchKeys.joined(separator: ", ")))"
                        if let guess = closestMatch(to: name, among: searchKeys) { message += "; did you mean '\(guess)'?" }
                        problems.append(ScenarioProblem(message, at: origin(key)))
                    }
                }
            } else {
                problems.append(ScenarioProblem("search must be a mapping of \(searchKeys.joined(separator: ", "))", at: origin(node)))
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return spec
    }
}
