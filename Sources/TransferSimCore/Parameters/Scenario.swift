// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a value was set: a file position, or the model's default.
public struct Origin: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A value a scenario sets, with where it was set.
public struct ParameterSetting: Sendable, Equatable {
    public let value: ParameterValue
    public let origin: Origin?

    public init(_ value: ParameterValue, origin: Origin? = nil) {
        self.value = value
        self.origin = origin
    }
}

/// A named policy variant: overrides of the baseline policy (`policy.*` paths only).
public struct PolicyVariant: Sendable {
    public let name: String
    public let description: String
    public let settings: [String: ParameterSetting]

    public init(name: String, description: String, settings: [String: ParameterSetting]) {
        self.name = name
        self.description = description
        self.settings = settings
    }
}

/// A problem with a scenario, located where possible. `ScenarioError` carries one or more.
public struct ScenarioProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let origin: Origin?
    public let message: String

    public init(_ message: String, at origin: Origin? = nil) {
        self.origin = origin
        self.message = message
    }

    /// `file:line:column: error: message`, or `error: message` without a position.
    public var description: String {
        if let origin { return "\(origin): error: \(message)" }
        return "error: \(message)"
    }
}

/// Every problem found in a scenario (validation reports them all, not only the first).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public enum Category: Sendable { case invalid, missingFile }
    public let category: Category
    public let problems: [ScenarioProblem]

    public init(_ problems: [ScenarioProblem], category: Category = .invalid) {
        self.problems = problems
        self.category = category
    }

    public init(_ message: String, at origin: Origin? = nil, category: Category = .invalid) {
        self.init([ScenarioProblem(message, at: origin)], category: category)
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A region (environment, with uncertain parameters), a baseline policy set and named policy
/// variants (MODEL.md §9). It holds only what the file changes; the catalogue supplies the rest.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    /// The file it was read from (for messages and provenance); `nil` for the built-in default.
    public var file: String?
    /// Fields the scenario adds to the default list, in file order.
    public var addedFields: [String]
    /// Funds the scenario (baseline or a variant) adds to the default list, in file order.
    public var addedFunds: [String]
    /// Baseline settings, region and policy, by dotted path.
    public var settings: [String: ParameterSetting]
    /// Named variants, in file order.
    public var variants: [PolicyVariant]
    /// Conditions on the results that `transfersim check` (and `run --check`) asserts, in file order.
    public var targets: [ScenarioTarget]
    /// The policy steps `transfersim levers` runs (the file's `levers:` section, written like
    /// variants), in file order; empty when the file states none (then `LeverCatalogue.defaults`).
    public var levers: [PolicyVariant] = []
    /// Groups of parameters drawn together from weighted samples (the file's `joint:` section),
    /// replacing whatever the file sets for those parameters elsewhere.
    public var jointSamples: [JointSample] = []
    /// Rank correlations between parameters given as distributions (the file's `correlations:`).
    public var rankCorrelations: [RankCorrelation] = []

    public init(name: String, description: String = "", file: String? = nil, addedFields: [String] = [],
                addedFunds: [String] = [], settings: [String: ParameterSetting] = [:], variants: [PolicyVariant] = [],
                targets: [ScenarioTarget] = []) {
        self.targets = targets
        self.addedFunds = addedFunds
        self.name = name
        self.description = description
        self.file = file
        self.addedFields = addedFields
        self.settings = settings
        self.variants = variants
    }

    /// The catalogue this scenario's parameters are checked against (default fields plus added ones).
    public var catalogue: ParameterCatalogue { ParameterCatalogue(extraFields: addedFields, extraFunds: addedFunds) }

    /// Names of the policy sets this scenario can run: "baseline" then each variant.
    public var policyNames: [String] { ["baseline"] + variants.map(\.name) }

    /// The fully resolved parameter set for the baseline (`policy` nil or "baseline") or a variant.
    public func resolve(policy: String? = nil) throws(ScenarioError) -> ResolvedParameters {
        let catalogue = self.catalogue
        var values = catalogue.specs.map { ResolvedParameters.Entry(value: $0.defaultValue, origin: nil) }
        func apply(_ settings: [String: ParameterSetting]) throws(ScenarioError) {
            var problems: [ScenarioProblem] = []
            for (path, setting) in settings.sorted(by: { $0.key < $1.key }) {
                guard let index = catalogue.index(of: path) else {
                    problems.append(ScenarioProblem("unknown parameter '\(path)'", at: setting.origin))
                    continue
                }
                if case let .schedule(schedule) = setting.value {
                    // Located at the step where there is one; before its first year the value
                    // otherwise in force (the default, or the baseline's for a variant) applies.
                    let found = catalogue.specs[index].scheduleProblems(schedule)
                    if found.isEmpty {
                        let merged = schedule.after(values[index].value, origin: values[index].origin)
                        values[index] = .init(value: .schedule(merged), origin: setting.origin)
                    } else {
                        problems += found.map { ScenarioProblem($0.message, at: $0.origin ?? setting.origin) }
                    }
                    continue
                }
                let found = catalogue.specs[index].problems(with: setting.value)
                if found.isEmpty {
                    values[index] = .init(value: setting.value, origin: setting.origin)
                } else {
                    problems += found.map { ScenarioProblem($0, at: setting.origin) }
                }
            }
            if !problems.isEmpty { throw ScenarioError(problems) }
        }
        try apply(settings)
        var sampleProblems: [ScenarioProblem] = []
        for sample in jointSamples {
            sampleProblems += sample.problems.map { ScenarioProblem($0, at: sample.origin) }
            guard sample.problems.isEmpty else { continue }
            for (c, path) in sample.paths.enumerated() {
                guard let index = catalogue.index(of: path) else {
                    var message = "the joint sample '\(sample.name)' names an unknown parameter '\(path)'"
                    if let guess = catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                    sampleProblems.append(ScenarioProblem(message, at: sample.origin))
                    continue
                }
                let value = ParameterValue.distribution(sample.marginal(c))
                let found = catalogue.specs[index].problems(with: value)
                if found.isEmpty {
                    values[index] = .init(value: value, origin: sample.origin)
                } else {
                    sampleProblems += found.map { ScenarioProblem("joint sample '\(sample.name)': \($0)", at: sample.origin) }
                }
            }
        }
        if !sampleProblems.isEmpty { throw ScenarioError(sampleProblems) }
        var policyName = "baseline"
        if let policy, policy != "baseline" {
            guard let variant = variants.first(where: { $0.name == policy }) else {
                let known = policyNames.joined(separator: ", ")
                var message = "unknown policy '\(policy)' in scenario '\(name)' (known: \(known))"
                if let guess = closestMatch(to: policy, among: policyNames) { message += "; did you mean '\(guess)'?" }
                throw ScenarioError(message)
            }
            try apply(variant.settings)
            policyName = variant.name
        }
        let jointPaths = Set(jointSamples.flatMap(\.paths))
        var correlationProblems: [ScenarioProblem] = []
        var correlatedPaths: [String] = []
        for r in rankCorrelations {
            for path in [r.first, r.second] {
                guard let index = catalogue.index(of: path) else {
                    var message = "rank correlation: unknown parameter '\(path)'"
                    if let guess = catalogue.suggestion(for: path) { message += "; did you mean '\(guess)'?" }
                    correlationProblems.append(ScenarioProblem(message, at: r.origin))
                    continue
                }
                if jointPaths.contains(path) {
                    correlationProblems.append(ScenarioProblem("rank correlation: \(path) is drawn from a joint sample, which keeps its own correlations", at: r.origin))
                } else if case .number = values[index].value {
                    let who = policyName == "baseline" ? "the scenario gives" : "policy '\(policyName)' gives"
                    correlationProblems.append(ScenarioProblem("rank correlation: \(path) must be given as a distribution (\(who) it a fixed number)", at: r.origin))
                } else if !correlatedPaths.contains(path) {
                    correlatedPaths.append(path)
                }
            }
            if !(r.rho > -1 && r.rho < 1) || r.first == r.second {
                correlationProblems.append(ScenarioProblem("rank correlation between \(r.first) and \(r.second) must be strictly between -1 and 1, between two different parameters", at: r.origin))
            }
        }
        if correlationProblems.isEmpty, !correlatedPaths.isEmpty,
           case let .failure(error) = ImanConoverPlan.targetMatrix(paths: correlatedPaths, correlations: rankCorrelations) {
            correlationProblems += error.problems
        }
        if !correlationProblems.isEmpty { throw ScenarioError(correlationProblems) }
        let resolved = ResolvedParameters(catalogue: catalogue, entries: values, policyName: policyName,
                                          jointSamples: jointSamples, rankCorrelations: rankCorrelations)
        let crossProblems = resolved.crossCheckProblems()
        if !crossProblems.isEmpty { throw ScenarioError(crossProblems) }
        return resolved
    }
}

/// The candidate closest to `word` by edit distance, if close enough to be a plausible typo.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(word, c)
        if d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    let limit = max(2, min(word.count, candidate.count) / 3)
    return distance <= limit ? candidate : nil
}

/// Levenshtein distance between two strings (by Unicode scalars).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
