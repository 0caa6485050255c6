// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// The kinds of YAML input `transfersim validate` recognises, told apart by their top-level keys.
///
/// To add a kind: add a case, its `noun`, its `signature` (the keys it must have and the keys of
/// which it has at least one), its `keys`, its line in `shapes`, and its check in
/// `InputCheck.validate(path:scenario:)`. A file with keys only one kind takes (its
/// `distinctiveKeys`) of two kinds is refused as ambiguous; otherwise signatures are tried in
/// `allCases` order, so a kind whose keys overlap another's (sweep and sensitivity specs both name
/// a `scenario`, and so does a search spec, with `trials`, `seed` and `policy` as a sweep has) goes
/// first when its distinctive keys are more specific.
public enum InputKind: String, CaseIterable, Sendable {
    case observed
    case search
    case sensitivity
    case sweep
    case scenario

    /// What the kind is called in messages.
    public var noun: String {
        switch self {
        case .scenario: return "scenario"
        case .sweep: return "sweep file"
        case .sensitivity: return "sensitivity spec"
        case .observed: return "observed file"
        case .search: return "search spec"
        }
    }

    /// The top-level keys the kind must have, and those of which it has at least one.
    var signature: (required: Set<String>, anyOf: Set<String>) {
        switch self {
        case .observed: return ([], ["figures", "priors"])
        case .search: return ([], ["objectives", "constraints", "fresh_trials", "search"])
        case .sensitivity: return (["scenario"], ["outputs", "method", "sobol", "morris"])
        case .sweep: return (["scenario"], ["parameters", "design", "points", "trials", "seed", "policy", "targets"])
        case .scenario: return ([], ["name", "region", "policy", "variants", "levers"])
        }
    }

    /// Every top-level key the kind takes.
    var keys: Set<String> {
        switch self {
        case .scenario: return ["name", "description", "region", "policy", "variants", "levers", "targets"]
        case .sweep: return ["scenario", "policy", "design", "points", "trials", "seed", "parameters", "targets"]
        case .sensitivity: return ["scenario", "policy", "method", "trials", "seed", "outputs", "parameters", "sobol", "morris"]
        case .observed: return Set(ObservedFile.topKeys)
        case .search: return Set(OptimiseSpec.keys)
        }
    }

    /// The top-level keys only this kind takes: a file with such keys of two kinds is ambiguous.
    var distinctiveKeys: Set<String> {
        Self.allCases.filter { $0 != self }.reduce(keys) { $0.subtracting($1.keys) }
    }

    /// What each kind looks like, for the message about a file of none of them, or of two.
    static let shapes = [
        "a scenario has name, region, policy, variants (and no 'scenario' key)",
        "a sweep file has scenario and parameters (with design or points)",
        "a sensitivity spec has scenario, outputs, parameters and method",
        "an observed file (calibrate --observed) has figures (and description, priors)",
        "a search spec (optimise) has levers and objectives (and constraints, search, fresh_trials)",
    ]

    /// The kind of the YAML `text` (named `file` in messages): from its top-level keys. An empty
    /// document is a scenario (of the model's defaults), as `run` reads it.
    public static func detect(_ text: String, file: String) throws(ScenarioError) -> InputKind {
        let document = try YAMLDocument.compose(text, file: file)
        let top = Origin(file: file, line: 1, column: 1)
        guard let root = document.root else { return .scenario }
        guard case let .mapping(mapping) = root else {
            throw ScenarioError(
                "cannot tell what kind of file this is: its top level is not a mapping of keys ("
                    + shapes.joined(separator: "; ") + ")", at: top)
        }
        var keys: Set<String> = []
        for (key, _) in mapping {
            if case let .scalar(scalar) = key { keys.insert(document.keyName(scalar)) }
        }
        // Keys that only one kind takes, of two kinds or more: say which key points where.
        let claims = allCases.compactMap { kind -> (InputKind, [String])? in
            let own = kind.distinctiveKeys.intersection(keys)
            return own.isEmpty ? nil : (kind, own.sorted())
        }
        if claims.count > 1 {
            let which = claims.map { "\($0.1.map { "'\($0)'" }.joined(separator: ", ")) (\($0.0.noun))" }
            throw ScenarioError(
                "cannot tell what kind of file this is: it has keys of different kinds, "
                    + which.joined(separator: " and ") + ": " + shapes.joined(separator: "; "), at: top)
        }
        for kind in allCases {
            let (required, anyOf) = kind.signature
            if required.isSubset(of: keys) && !anyOf.isDisjoint(with: keys) { return kind }
        }
        // No signature fits: the kind most of whose keys the file has, when they are at least half
        // of the file's keys (a scenario with only a description and targets); else none.
        // Ties go to a scenario (last in `allCases`): a file with only a description is one.
        let best = allCases.reversed().map { ($0, $0.keys.intersection(keys).count) }.max { $0.1 < $1.1 }
        if let (kind, shared) = best, shared > 0, shared * 2 >= keys.count { return kind }
        throw ScenarioError(
            "cannot tell what kind of file this is from its top-level keys ("
                + keys.sorted().joined(separator: ", ") + "): " + shapes.joined(separator: "; "), at: top)
    }
}

/// What `transfersim validate` checks for each kind of file: the file against its own schema,
/// then what it refers to (a sweep's, sensitivity spec's or search spec's scenario, the parameter
/// paths and every design point's values; an observed file's figures and priors against a
/// scenario), with every problem as `file:line:column: error: message`.
public enum InputCheck {
    /// A valid file: its kind and a one-line summary (`ok (…)`).
    public struct Outcome: Sendable {
        public let kind: InputKind
        public let summary: String
    }

    /// Validates the file at `path` as the kind its keys say it is. An observed file is checked
    /// as `calibrate` reads it for `scenario` (a file; `nil`: the bundled default, as `calibrate`
    /// without a scenario) under its baseline policy; the other kinds name their own scenario and
    /// ignore `scenario`.
    public static func validate(path: String, scenario: String? = nil) throws(ScenarioError) -> Outcome {
        let text = try InputFile.text(path, kind: "scenario")
        let kind = try InputKind.detect(text, file: path)
        switch kind {
        case .scenario:
            let scenario = try ScenarioLoader.parse(yaml: text, file: path)
            return Outcome(kind: kind, summary: "ok (scenario: \(count(scenario.settings.count, "parameter")) set, "
                           + "\(count(scenario.variants.count, "variant")))")
        case .sweep:
            let spec = try SweepSpec.parse(yaml: text, file: path)
            let resolved = try spec.resolved(file: path)
            return Outcome(kind: kind, summary: "ok (sweep file: \(count(resolved.points.count, "point")) over "
                           + "\(count(spec.parameters.count, "parameter")), scenario \(spec.scenarioPath))")
        case .sensitivity:
            let spec = try SensitivitySpec.parse(yaml: text, file: path)
            let resolved = try spec.resolved()
            let plan: SensitivityPlan
            do throws(SensitivityProblem) {
                plan = try spec.plan(base: resolved.base)
            } catch {
                throw ScenarioError("\(error.description)", at: Origin(file: path, line: 1, column: 1))
            }
            return Outcome(kind: kind, summary: "ok (sensitivity spec: \(spec.method.rawValue), "
                           + "\(count(spec.parameters.count, "parameter")), \(count(spec.outputs.count, "output")), "
                           + "\(count(plan.points.count, "evaluation")) × \(spec.trials) trials)")
        case .observed:
            let source = ScenarioSource(path: scenario)
            let base = try source.load().scenario.resolveCombined(policy: "baseline")
            let read = try CalibrationSetup.read(observedText: text, file: path, base: base,
                                                 scenarioFile: source.file ?? "(bundled default)")
            let against = source.file.map { "scenario \($0)" }
                ?? "the bundled default scenario; --scenario FILE checks it against the scenario you calibrate"
            return Outcome(kind: kind, summary: "ok (observed file: \(count(read.observed.figures.count, "figure")), "
                           + "\(count(read.prior.dimension, "parameter")) to fit, checked with \(against))")
        case .search:
            let spec = try OptimiseSpec.parse(yaml: text, file: path)
            // What `optimise` reads before its first candidate: the scenario and the base policy.
            let source = ScenarioSource(path: spec.scenarioPath)
            _ = try source.load().scenario.resolveCombined(policy: spec.policy)
            return Outcome(kind: kind, summary: "ok (search spec: \(spec.method), \(count(spec.levers.count, "lever")), "
                           + "\(count(spec.goal.objectives.count, "objective")), "
                           + "\(count(spec.goal.constraints.count, "constraint")), \(ReadableNumber.count(spec.trials)) trials "
                           + "+ \(ReadableNumber.count(spec.freshTrials)) fresh, scenario \(source.file ?? "(bundled default)"))")
        }
    }

    /// "1 variant", "3 variants".
    public static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(ReadableNumber.count(n)) \(noun)s"
    }
}

extension SweepSpec {
    /// The sweep's scenario, its base policy and every design point, each point's values checked
    /// against the parameters' ranges: what `sweep` needs before it runs, and what `validate` checks.
    public func resolved(file: String) throws(ScenarioError)
        -> (scenario: (scenario: Scenario, sha256: String), base: ResolvedParameters, points: [[Double]]) {
        let scenario = try ScenarioSource.file(scenarioPath).load()
        let base = try scenario.scenario.resolveCombined(policy: policy)
        let points: [[Double]]
        do {
            points = try self.points()
        } catch {
            throw ScenarioError("\(file): error: \(error.description)")
        }
        // Check every point's values up front: nothing runs on an impossible point.
        for point in points { _ = try SweepRunner.parameters(base, paths: parameters.map(\.path), values: point) }
        return (scenario, base, points)
    }
}

extension SensitivitySpec {
    /// The spec's scenario and base policy, each parameter's range checked at both ends.
    public func resolved() throws(ScenarioError) -> (scenario: (scenario: Scenario, sha256: String), base: ResolvedParameters) {
        let loaded = try ScenarioSource.file(scenarioPath).load()
        let base = try loaded.scenario.resolve(policy: policy)
        var problems: [ScenarioProblem] = []
        for (parameter, origin) in zip(parameters, parameterOrigins) {
            let ends = SensitivityPlan.ends(of: parameter)
            do throws(ScenarioError) {
                _ = try SweepRunner.parameters(base, paths: [parameter.path, parameter.path], values: [ends.low, ends.high])
            } catch {
                problems += error.problems.map { ScenarioProblem($0.message, at: origin) }
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return (loaded, base)
    }

    /// The evaluation plan of the spec's method.
    public func plan(base: ResolvedParameters) throws(SensitivityProblem) -> SensitivityPlan {
        try SensitivityPlan(method: method, parameters: parameters, base: base, sobolN: sobolN, secondOrder: secondOrder,
                            trajectories: trajectories, levels: levels, seed: seed)
    }
}
