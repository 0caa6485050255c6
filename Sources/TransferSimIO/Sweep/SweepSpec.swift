// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
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
    /// For `design: {csv: FILE}`: the design file's path, text and points (rows in file order,
    /// values in `parameters` order); `nil` for the generated designs.
    public var designFile: String? = nil
    public var designText: String? = nil
    public var designPoints: [[Double]]? = nil
    /// Targets every point of the sweep must meet (`sweep --check`, `check` on the folder).
    public var targets: [ScenarioTarget] = []
    /// Whether to write `sweep_trials.csv` (every trial's drawn values and metrics at every point):
    /// `nil` (the file says nothing) writes it when the scenario draws some parameter per trial.
    public var trialTable: Bool? = nil
    /// The index of every point's first trial: points run trials `firstTrial..<firstTrial + trials`
    /// (0 unless the file says otherwise; a search's re-run on fresh trials starts later).
    public var firstTrial: Int = 0

    static let keys = ["scenario", "policy", "design", "points", "trials", "first_trial", "seed", "parameters", "targets",
                       "trial_table"]

    /// The statistics a sweep target may name: the columns of `sweep.csv`.
    public static var targetStatistics: [String] { SweepRunner.statistics }

    /// The number of points the design has, computed without generating them (a grid's size is
    /// the product of its parameters' value counts); `nil` when it exceeds `Int.max`.
    public var pointCount: Int? {
        if let designPoints { return designPoints.count }
        switch design {
        case let .monteCarlo(n), let .latinHypercube(n), let .sobol(n): return n
        case .grid:
            var count = 1
            for parameter in parameters {
                let values: Int
                switch parameter.values {
                case let .list(list): values = list.count
                case let .range(_, _, steps): values = max(1, steps)
                case .distribution: values = 1  // refused by `points()` with its own message
                }
                let (product, overflow) = count.multipliedReportingOverflow(by: values)
                if overflow { return nil }
                count = product
            }
            return count
        }
    }

    /// The design's points: the CSV's rows, or those the design generates.
    public func points() throws(SweepDesign.Problem) -> [[Double]] {
        if let designPoints { return designPoints }
        return try design.points(parameters, seed: seed)
    }

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
        func wholeNumber(_ key: String) -> Int? {
            guard let x = number(key), let node = values[key] else { return nil }
            guard x == x.rounded(), abs(x) < 1e15 else {
                problems.append(ScenarioProblem("\(key) must be a whole number, got \(format(x))", at: origin(node)))
                return nil
            }
            return Int(x)
        }
        let points = wholeNumber("points") ?? 0
        let trials = wholeNumber("trials") ?? 100
        if trials < 1, let node = values["trials"] {
            problems.append(ScenarioProblem("trials must be at least 1, got \(trials)", at: origin(node)))
        }
        let firstTrial = wholeNumber("first_trial") ?? 0
        if let node = values["first_trial"], firstTrial < 0 || firstTrial > Int(UInt32.max) - max(trials, 0) {
            problems.append(ScenarioProblem("first_trial must be a trial index from 0 (trials first_trial..<first_trial + trials), got \(firstTrial)",
                                            at: origin(node)))
        }
        var trialTable: Bool?
        if let node = values["trial_table"] {
            switch node.string {
            case "true": trialTable = true
            case "false": trialTable = false
            default: problems.append(ScenarioProblem("trial_table must be true or false", at: origin(node)))
            }
        }
        var seed: UInt64 = 20_260_101
        if let node = values["seed"] {
            if let x = node.string.flatMap({ UInt64($0) }) {
                seed = x
            } else {
                problems.append(ScenarioProblem("seed must be a whole number from 0 to 18446744073709551615", at: origin(node)))
            }
        }
        var design = SweepDesign.grid
        var csvDesign: (file: String, text: String, points: [[Double]], columns: [String])?
        var csvRequested = false
        if let node = values["design"], case let .mapping(m) = node {
            csvRequested = true
            if let csvNode = m["csv"], let name = csvNode.string, m.count == 1 {
                let path = name.hasPrefix("/") ? name : base + name
                if FileSystem.entry(at: path) != .none {
                    let text = try InputFile.text(path, kind: "design file")
                    do throws(ScenarioError) {
                        let (columns, rows) = try Self.readDesign(text, file: path)
                        csvDesign = (path, text, rows, columns)
                    } catch {
                        problems += error.problems
                    }
                } else {
                    throw ScenarioError("cannot read the design file '\(path)'", at: origin(csvNode), category: .missingFile)
                }
            } else {
                problems.append(ScenarioProblem("a design mapping must be {csv: FILE} (a CSV whose columns are parameter paths)", at: origin(node)))
            }
        } else if let node = values["design"] {
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
        var parameters: [SweepParameter] = []
        var designPoints: [[Double]]?
        if let csv = csvDesign {
            // The parameters are the CSV's columns; an optional list names the columns expected.
            var order = csv.columns
            if let node = values["parameters"] {
                if case let .sequence(items) = node {
                    order = []
                    for item in items {
                        let path = item.string ?? ""
                        if csv.columns.contains(path) { order.append(path); continue }
                        var message = "the design file '\(csv.file)' has no column '\(path)'"
                        if let guess = closestMatch(to: path, among: csv.columns) { message += "; did you mean '\(guess)'?" }
                        problems.append(ScenarioProblem(message, at: origin(item)))
                    }
                    for column in csv.columns where !order.contains(column) && problems.isEmpty {
                        problems.append(ScenarioProblem("the design file's column '\(column)' is not in the sweep's parameters list", at: origin(node)))
                    }
                } else {
                    problems.append(ScenarioProblem("with design: {csv: FILE}, parameters is a list of the CSV's columns (or left out)", at: origin(node)))
                }
            }
            let indices = order.compactMap { csv.columns.firstIndex(of: $0) }
            designPoints = csv.points.map { row in indices.map { row[$0] } }
            parameters = indices.map { i in SweepParameter(path: csv.columns[i], values: .list(csv.points.map { $0[i] })) }
        } else if csvRequested {
            // The design file's problems are reported already.
        } else if case let .mapping(list)? = values["parameters"] {
            parameters = Self.parameters(list, origin: origin, problems: &problems).map(\.parameter)
        } else {
            problems.append(ScenarioProblem("the sweep file must list parameters (a mapping of dotted paths)", at: Origin(file: file, line: 1, column: 1)))
        }
        var targets: [ScenarioTarget] = []
        if let node = values["targets"] {
            if case let .sequence(items) = node {
                for item in items {
                    let text = item.string ?? ""
                    do throws(Target.SyntaxError) {
                        let target = try Target.parse(text)
                        if target.policy != nil {
                            problems.append(ScenarioProblem("a sweep target names no policy: every point runs '\(values["policy"]?.string ?? "baseline")'", at: origin(item)))
                        } else if !targetStatistics.contains(target.statistic.rawValue) {
                            problems.append(ScenarioProblem("target '\(text)': a sweep keeps only \(targetStatistics.joined(separator: ", ")) per point", at: origin(item)))
                        } else {
                            targets.append(ScenarioTarget(target, origin: origin(item)))
                        }
                    } catch {
                        var at = origin(item)
                        at = Origin(file: at.file, line: at.line, column: at.column + error.column - 1)
                        problems.append(ScenarioProblem(error.message, at: at))
                    }
                }
            } else {
                problems.append(ScenarioProblem("targets must be a list, e.g. [\"local_conversion_share.mean >= 0.02\"]", at: origin(node)))
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        var spec = SweepSpec(scenarioPath: scenarioPath, policy: values["policy"]?.string ?? "baseline", design: design,
                             parameters: parameters, trials: trials, seed: seed)
        spec.targets = targets
        spec.trialTable = trialTable
        spec.firstTrial = firstTrial
        if let csv = csvDesign {
            spec.designFile = csv.file
            spec.designText = csv.text
            spec.designPoints = designPoints
        }
        return spec
    }

    /// Reads a `parameters:` mapping of dotted paths to `values: [...]`, `range: {low, high,
    /// steps}`, `{dist: uniform, low, high}` or `{dist: triangular, low, mode, high}` (the sweep
    /// file's forms, shared with sensitivity specs): each parameter with the origin of its key.
    /// Unknown paths and malformed values are added to `problems` at their positions.
    static func parameters(_ list: Node.Mapping, origin: (Node) -> Origin, problems: inout [ScenarioProblem])
        -> [(parameter: SweepParameter, origin: Origin)] {
        var found: [(parameter: SweepParameter, origin: Origin)] = []
        let catalogue = ParameterCatalogue.standard
        /// Reports keys of `mapping` outside `allowed` (a typo such as `step` would be ignored).
        func onlyKnownKeys(_ mapping: Node.Mapping, _ allowed: [String], in place: String) -> Bool {
            var ok = true
            for (key, _) in mapping {
                let name = key.string ?? ""
                guard !allowed.contains(name) else { continue }
                var message = "unknown key '\(name)' in \(place) (it takes \(allowed.joined(separator: ", ")))"
                if let guess = closestMatch(to: name, among: allowed) { message += "; did you mean '\(guess)'?" }
                problems.append(ScenarioProblem(message, at: origin(key)))
                ok = false
            }
            return ok
        }
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
            let form = m["values"] != nil ? ["values"] : m["range"] != nil ? ["range"]
                : m["dist"]?.string == "triangular" ? ["dist", "low", "mode", "high"] : ["dist", "low", "high"]
            guard onlyKnownKeys(m, form, in: "'\(path)'") else { continue }
            if let list = m["values"], case let .sequence(items) = list {
                let xs = items.compactMap { $0.string.flatMap(Double.init) }
                if xs.count != items.count || xs.isEmpty {
                    problems.append(ScenarioProblem("'\(path)': values must be a non-empty list of numbers", at: origin(list)))
                } else {
                    found.append((SweepParameter(path: path, values: .list(xs)), origin(key)))
                }
            } else if let range = m["range"], case let .mapping(r) = range,
                      let low = r["low"]?.string.flatMap(Double.init), let high = r["high"]?.string.flatMap(Double.init) {
                guard onlyKnownKeys(r, ["low", "high", "steps"], in: "the range of '\(path)'") else { continue }
                if let node = r["steps"], node.string.flatMap(Int.init) == nil {
                    problems.append(ScenarioProblem("'\(path)': steps must be a whole number", at: origin(node)))
                    continue
                }
                let steps = r["steps"]?.string.flatMap(Int.init) ?? 2
                if !(low < high) || steps < 1 {
                    problems.append(ScenarioProblem("'\(path)': impossible range (low \(format(low)), high \(format(high)), steps \(steps)): low must be below high and steps at least 1", at: origin(range)))
                } else {
                    found.append((SweepParameter(path: path, values: .range(low: low, high: high, steps: steps)), origin(key)))
                }
            } else if m["dist"]?.string == "uniform", let low = m["low"]?.string.flatMap(Double.init),
                      let high = m["high"]?.string.flatMap(Double.init), low < high {
                found.append((SweepParameter(path: path, values: .distribution(.uniform(low: low, high: high))), origin(key)))
            } else if m["dist"]?.string == "triangular", let low = m["low"]?.string.flatMap(Double.init),
                      let mode = m["mode"]?.string.flatMap(Double.init), let high = m["high"]?.string.flatMap(Double.init),
                      low <= mode, mode <= high, low < high {
                found.append((SweepParameter(path: path, values: .distribution(.triangular(low: low, mode: mode, high: high))), origin(key)))
            } else {
                problems.append(ScenarioProblem("'\(path)' needs values: [...], range: {low, high, steps}, {dist: uniform, low, high} or {dist: triangular, low, mode, high}", at: origin(value)))
            }
        }
        return found
    }

    /// Reads a design CSV: a header of parameter paths, then one row of numbers per point.
    static func readDesign(_ text: String, file: String) throws(ScenarioError) -> (columns: [String], rows: [[Double]]) {
        let table = CSVReader.rows(text).filter { $0 != [""] }
        guard let header = table.first else { throw ScenarioError("the design file is empty", at: Origin(file: file, line: 1, column: 1)) }
        var problems: [ScenarioProblem] = []
        let catalogue = ParameterCatalogue.standard
        var column = 1
        var seen: Set<String> = []
        for name in header {
            let path = name.trimmingCharacters(in: .whitespaces)
            if catalogue.index(of: path) == nil {
                var message = "column '\(path)' is not a parameter path"
                if let guess = catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                problems.append(ScenarioProblem(message, at: Origin(file: file, line: 1, column: column)))
            } else if !seen.insert(path).inserted {
                problems.append(ScenarioProblem("column '\(path)' appears twice", at: Origin(file: file, line: 1, column: column)))
            }
            column += name.count + 1
        }
        var rows: [[Double]] = []
        for (index, row) in table.dropFirst().enumerated() {
            let line = index + 2
            guard row.count == header.count else {
                problems.append(ScenarioProblem("row has \(row.count) cells, the header \(header.count)", at: Origin(file: file, line: line, column: 1)))
                continue
            }
            var values: [Double] = []
            var column = 1
            for cell in row {
                if let x = Double(cell.trimmingCharacters(in: .whitespaces)), x.isFinite { values.append(x) } else {
                    problems.append(ScenarioProblem("'\(cell)' is not a number", at: Origin(file: file, line: line, column: column)))
                }
                column += cell.count + 1
            }
            rows.append(values)
        }
        if rows.isEmpty, problems.isEmpty { problems.append(ScenarioProblem("the design file has no points (rows after the header)", at: Origin(file: file, line: 2, column: 1))) }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return (header.map { $0.trimmingCharacters(in: .whitespaces) }, rows)
    }
}
