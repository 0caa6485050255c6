// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// A sweep file: which scenario and policy, which parameters to vary and how, the design, the
/// trials per point and the seed.
///
/// ```yaml
/// scenario: ../default.yaml          # relative to the sweep file
/// policy: baseline
/// design: grid                       # grid | monte_carlo | latin_hypercube | sobol
/// points: 64                         # for monte_carlo, latin_hypercube, sobol
/// trials: 200
/// seed: 20260101
/// parameters:
///   policy.income.inventor_share: {range: {low: 0.5, high: 0.9, steps: 5}}
///   policy.land.annual_quota_mu: {values: [0, 100, 250, 500]}
///   region.arrivals.annual_disclosures: {dist: uniform, low: 600, high: 1000}
/// ```
public struct SweepSpec: Sendable {
    public var scenarioPath: String
    public var policy: String
    public var design: SweepDesign
    public var parameters: [SweepParameter]
    public var trials: Int
    public var seed: UInt64

    static let keys = ["scenario", "policy", "design", "points", "trials", "seed", "parameters"]

    /// Reads a sweep file given as text; `file` names it in messages, and the scenario path is
    /// resolved against its folder.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> SweepSpec {
        let document = try YAMLDocument.compose(yaml, file: file)
        func origin(_ node: Node) -> Origin { Origin(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1) }
        guard case let .mapping(top)? = document.root else {
            throw ScenarioError("not a sweep file: expected a mapping with \(keys.joined(separator: ", "))",
                                at: Origin(file: file, line: 1, column: 1))
        }
        var problems: [ScenarioProblem] = []
        var values: [String: Node] = [:]
        for (key, value) in top {
            let name = key.string ?? ""
            if keys.contains(name) { values[name] = value; continue }
            var message = "unknown key '\(name)' in the sweep file"
            if let guess = closestMatch(to: name, among: keys) { message += "; did you mean '\(guess)'?" }
            problems.append(ScenarioProblem(message, at: origin(key)))
        }
        func number(_ key: String) -> Double? {
            guard let node = values[key] else { return nil }
            guard let x = node.string.flatMap(Double.init) else {
                problems.append(ScenarioProblem("\(key) must be a number", at: origin(node)))
                return nil
            }
            return x
        }
        let base = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) + "/" : ""
        var scenarioPath = ""
        if let node = values["scenario"], let path = node.string {
            scenarioPath = path.hasPrefix("/") ? path : base + path
        } else {
            problems.append(ScenarioProblem("the sweep file must name a scenario (scenario: path)", at: Origin(file: file, line: 1, column: 1)))
        }
        let points = number("points").map { Int($0) } ?? 0
        let trials = number("trials").map { Int($0) } ?? 100
        let seed = values["seed"].flatMap { $0.string.flatMap { UInt64($0) } } ?? 20_260_101
        var design = SweepDesign.grid
        if let node = values["design"] {
            switch node.string ?? "" {
            case "grid": design = .grid
            case "monte_carlo": design = .monteCarlo(points: points)
            case "latin_hypercube": design = .latinHypercube(points: points)
            case "sobol": design = .sobol(points: points)
            default:
                var message = "unknown design '\(node.string ?? "")'"
                if let guess = closestMatch(to: node.string ?? "", among: ["grid", "monte_carlo", "latin_hypercube", "sobol"]) {
                    message += "; did you mean '\(guess)'?"
                } else {
                    message += " (grid, monte_carlo, latin_hypercube or sobol)"
                }
                problems.append(ScenarioProblem(message, at: origin(node)))
            }
            if design != .grid, points < 1 {
                problems.append(ScenarioProblem("this design needs 'points' (at least 1)", at: origin(node)))
            }
        }
        if trials < 1 { problems.append(ScenarioProblem("trials must be at least 1", at: Origin(file: file, line: 1, column: 1))) }
        var parameters: [SweepParameter] = []
        if case let .mapping(list)? = values["parameters"] {
            let catalogue = ParameterCatalogue.standard
            for (key, value) in list {
                let path = key.string ?? ""
                if catalogue.index(of: path) == nil {
                    var message = "unknown parameter '\(path)'"
                    if let guess = catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                    problems.append(ScenarioProblem(message, at: origin(key)))
                    continue
                }
                guard case let .mapping(m) = value else {
                    problems.append(ScenarioProblem("'\(path)' needs values: [...], range: {low, high, steps} or a distribution {dist: ...}", at: origin(value)))
                    continue
                }
                if let list = m["values"], case let .sequence(items) = list {
                    let xs = items.compactMap { $0.string.flatMap(Double.init) }
                    if xs.count != items.count || xs.isEmpty {
                        problems.append(ScenarioProblem("'\(path)': values must be a non-empty list of numbers", at: origin(list)))
                    } else {
                        parameters.append(SweepParameter(path: path, values: .list(xs)))
                    }
                } else if let range = m["range"], case let .mapping(r) = range,
                          let low = r["low"]?.string.flatMap(Double.init), let high = r["high"]?.string.flatMap(Double.init) {
                    let steps = r["steps"]?.string.flatMap(Int.init) ?? 2
                    if !(low < high) || steps < 1 {
                        problems.append(ScenarioProblem("'\(path)': impossible range (low \(format(low)), high \(format(high)), steps \(steps)): low must be below high and steps at least 1", at: origin(range)))
                    } else {
                        parameters.append(SweepParameter(path: path, values: .range(low: low, high: high, steps: steps)))
                    }
                } else if m["dist"]?.string == "uniform", let low = m["low"]?.string.flatMap(Double.init),
                          let high = m["high"]?.string.flatMap(Double.init), low < high {
                    parameters.append(SweepParameter(path: path, values: .distribution(.uniform(low: low, high: high))))
                } else if m["dist"]?.string == "triangular", let low = m["low"]?.string.flatMap(Double.init),
                          let mode = m["mode"]?.string.flatMap(Double.init), let high = m["high"]?.string.flatMap(Double.init),
                          low <= mode, mode <= high, low < high {
                    parameters.append(SweepParameter(path: path, values: .distribution(.triangular(low: low, mode: mode, high: high))))
                } else {
                    problems.append(ScenarioProblem("'\(path)' needs values: [...], range: {low, high, steps}, {dist: uniform, low, high} or {dist: triangular, low, mode, high}", at: origin(value)))
                }
            }
        } else {
            problems.append(ScenarioProblem("the sweep file must list parameters (a mapping of dotted paths)", at: Origin(file: file, line: 1, column: 1)))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return SweepSpec(scenarioPath: scenarioPath, policy: values["policy"]?.string ?? "baseline", design: design,
                         parameters: parameters, trials: trials, seed: seed)
    }
}
