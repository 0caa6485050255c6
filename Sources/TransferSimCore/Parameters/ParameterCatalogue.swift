// SPDX-License-Identifier: GPL-3.0-or-later

/// Every scenario parameter, in a fixed order: the one place the model's defaults live.
///
/// The entries are declared next to the mechanism they drive (each file under `Model/` has its
/// `parameters`); this type gathers them, adds one block per field of research, and looks them up.
public struct ParameterCatalogue: Sendable {
    /// All parameters, in documentation order.
    public let specs: [ParameterSpec]
    /// Field names, defaults first then any a scenario adds.
    public let fields: [String]
    /// Fund ids (`policy.funds.<id>`), defaults first then any a scenario adds.
    public let funds: [String]
    private let indexByPath: [String: Int]

    public init(extraFields: [String] = [], extraFunds: [String] = []) {
        var fields = FieldParameters.defaultFields.map(\.name)
        for f in extraFields where !fields.contains(f) { fields.append(f) }
        self.fields = fields
        var funds = Funds.defaultFunds
        for f in extraFunds where !funds.contains(f) { funds.append(f) }
        self.funds = funds
        self.specs = ModelParameters.catalogueSpecs(fields: fields, funds: funds)
        var index: [String: Int] = [:]
        for (i, spec) in specs.enumerated() {
            precondition(index[spec.path] == nil, "duplicate parameter path \(spec.path)")
            index[spec.path] = i
        }
        self.indexByPath = index
    }

    /// The default catalogue (default fields only).
    public static let standard = ParameterCatalogue()

    public func index(of path: String) -> Int? { indexByPath[path] }

    public func spec(for path: String) -> ParameterSpec? { indexByPath[path].map { specs[$0] } }

    /// The known path closest to `path`, for "did you mean" messages.
    public func suggestion(for path: String) -> String? {
        closestMatch(to: path, among: specs.map(\.path))
    }

    /// The immediate child keys under a dotted prefix ("" for the top level), e.g. the keys
    /// allowed inside `policy.income`. Used to suggest a sibling for a mistyped key.
    public func childKeys(of prefix: String) -> [String] {
        var seen: Set<String> = []
        var keys: [String] = []
        let start = prefix.isEmpty ? "" : prefix + "."
        for spec in specs where spec.path.hasPrefix(start) {
            let rest = spec.path.dropFirst(start.count)
            let key = String(rest.prefix(while: { $0 != "." }))
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }
}

/// A fully resolved parameter set: each catalogue entry's value (number or distribution) and where
/// it came from. Drawing it for a trial gives the numbers the model runs on.
public struct ResolvedParameters: Sendable {
    public struct Entry: Sendable, Equatable {
        public let value: ParameterValue
        /// Where the scenario set it; `nil` for the model's default.
        public let origin: Origin?
    }

    public let catalogue: ParameterCatalogue
    public let entries: [Entry]
    /// "baseline" or the variant's name.
    public let policyName: String
    /// The stream entity of each parameter's epistemic draw: a hash of its path, so that adding a
    /// parameter or a field never changes another parameter's draw.
    private let drawEntities: [UInt32]
    /// The scenario's joint samples (each a group of parameters drawn together).
    public let jointSamples: [JointSample]
    /// The scenario's rank correlations between parameters given as distributions.
    public let rankCorrelations: [RankCorrelation]
    /// The joint samples whose parameters still take their values from them here (a variant or a
    /// sweep that fixes a parameter takes it out of its group).
    private let jointGroups: [JointGroup]
    /// The Iman–Conover rearrangement of the correlated parameters, if any are correlated.
    private let imanConover: ImanConoverPlan?

    /// A joint sample as drawn: its stream, running weights and the entries it sets.
    private struct JointGroup: Sendable {
        let sample: JointSample
        let entity: UInt32
        let cumulative: [Double]
        /// (entry index, column) of each parameter the sample still sets.
        let members: [(entry: Int, column: Int)]
    }

    public init(catalogue: ParameterCatalogue, entries: [Entry], policyName: String,
                jointSamples: [JointSample] = [], rankCorrelations: [RankCorrelation] = []) {
        precondition(catalogue.specs.count == entries.count)
        self.catalogue = catalogue
        self.entries = entries
        self.policyName = policyName
        self.drawEntities = catalogue.specs.map { fnv1a32($0.path) }
        self.jointSamples = jointSamples
        self.rankCorrelations = rankCorrelations
        var groups: [JointGroup] = []
        var inGroup: Set<Int> = []
        for sample in jointSamples {
            var members: [(entry: Int, column: Int)] = []
            for (c, path) in sample.paths.enumerated() {
                guard let i = catalogue.index(of: path), entries[i].value == .distribution(sample.marginal(c)) else { continue }
                members.append((i, c))
                inGroup.insert(i)
            }
            guard !members.isEmpty else { continue }
            var running = 0.0
            let cumulative = sample.weights.map { running += $0; return running }
            groups.append(JointGroup(sample: sample, entity: fnv1a32("joint sample " + sample.name), cumulative: cumulative,
                                     members: members))
        }
        self.jointGroups = groups
        // Correlated parameters: those of the stated pairs that are (independent) distributions here.
        var correlated: [Int] = []
        var active: [RankCorrelation] = []
        for r in rankCorrelations {
            guard let i = catalogue.index(of: r.first), let j = catalogue.index(of: r.second),
                  !inGroup.contains(i), !inGroup.contains(j),
                  case .distribution = entries[i].value, case .distribution = entries[j].value else { continue }
            active.append(r)
            for k in [i, j] where !correlated.contains(k) { correlated.append(k) }
        }
        correlated.sort()
        if !active.isEmpty, case let .success(target) = ImanConoverPlan.targetMatrix(
            paths: correlated.map { catalogue.specs[$0].path }, correlations: active) {
            self.imanConover = ImanConoverPlan(
                entries: correlated, entities: correlated.map { fnv1a32(catalogue.specs[$0].path) },
                distributions: correlated.map {
                    if case let .distribution(d) = entries[$0].value { return d } else { return .uniform(low: 0, high: 0) }
                },
                ranges: correlated.map { catalogue.specs[$0].kind.range },
                integers: correlated.map { if case .integer = catalogue.specs[$0].kind { return true } else { return false } },
                target: target)
        } else {
            self.imanConover = nil
        }
        var years: Set<Int> = []
        for e in entries { if case let .schedule(s) = e.value { years.formUnion(s.changeYears) } }
        self.changeYears = years.sorted()
    }

    /// The years (above 1) at whose start some scheduled value may change, in order; empty when
    /// no value follows a schedule (then every trial runs on one parameter set).
    public let changeYears: [Int]

    /// Whether any value follows a schedule.
    public var hasSchedules: Bool { !changeYears.isEmpty }

    /// These parameters as they stand in year `year`: every schedule replaced by its value in force.
    public func inYear(_ year: Int) -> ResolvedParameters {
        replacing(entries: entries.map {
            if case let .schedule(s) = $0.value { return Entry(value: s.value(inYear: year), origin: $0.origin) }
            return $0
        })
    }

    /// These parameters with `entries` in place of their own (same samples and correlations).
    public func replacing(entries: [Entry]) -> ResolvedParameters {
        ResolvedParameters(catalogue: catalogue, entries: entries, policyName: policyName, jointSamples: jointSamples,
                           rankCorrelations: rankCorrelations)
    }

    /// The value of `path` (default if the scenario did not set it).
    public subscript(path: String) -> ParameterValue? {
        catalogue.index(of: path).map { entries[$0].value }
    }

    /// Whether any parameter is uncertain (a distribution).
    public var hasDistributions: Bool {
        entries.contains {
            switch $0.value {
            case .number: return false
            case .distribution: return true
            case let .schedule(s): return s.hasDistribution
            }
        }
    }

    /// The parameter values of one trial: fixed numbers as given, distributions drawn once, each from
    /// its own stream (trial, hash of path, `.parameters`). Identical across policy sets for every
    /// parameter they share.
    ///
    /// A joint sample's parameters take one row of it, drawn from the sample's own stream (trial,
    /// hash of its name, `.parameters`); rank-correlated parameters are re-paired by Iman–Conover
    /// within their block of trials (`ImanConoverPlan`). Scenarios without either draw exactly as
    /// before these forms existed.
    public func draw(trial: UInt32, random: RandomSource) -> [Double] {
        random.trial = trial
        var out = [Double](repeating: 0, count: entries.count)
        for i in entries.indices {
            switch entries[i].value {
            case let .number(x): out[i] = x
            case let .distribution(d):
                out[i] = draw(d, i, random)
            case let .schedule(s):
                // Year 1's value; `inYear(_:)` gives the parameters of later years. A distribution
                // in a schedule uses the parameter's own stream at every date.
                switch s.value(inYear: 1) {
                case let .number(x): out[i] = x
                case let .distribution(d): out[i] = draw(d, i, random)
                case .schedule: preconditionFailure("nested schedule")
                }
            }
        }
        for group in jointGroups {
            random.seek(entity: group.entity, purpose: .parameters)
            let row = group.sample.row(for: random.uniform(), cumulative: group.cumulative)
            let width = group.sample.paths.count
            for (entry, column) in group.members {
                let x = group.sample.values[row * width + column]
                if case .integer = catalogue.specs[entry].kind { out[entry] = x.rounded() } else { out[entry] = x }
            }
        }
        imanConover?.apply(&out, trial: trial, random: random)
        return out
    }

    private func draw(_ d: Distribution, _ i: Int, _ random: RandomSource) -> Double {
        random.seek(entity: drawEntities[i], purpose: .parameters)
        let x = d.draw(random, within: catalogue.specs[i].kind.range)
        if case .integer = catalogue.specs[i].kind { return x.rounded() }
        return x
    }

    /// The central value of every parameter (distributions at their mean), for checks and `params`.
    /// (A schedule's central value is its first year's.)
    public var centralValues: [Double] { entries.map { Self.central($0.value) } }

    private static func central(_ v: ParameterValue) -> Double {
        switch v {
        case let .number(x): return x
        case let .distribution(d): return d.mean
        case let .schedule(s): return central(s.value(inYear: 1))
        }
    }

    /// The central value of one parameter (0 if the path is unknown).
    public func centralValue(_ path: String) -> Double {
        guard let i = catalogue.index(of: path) else { return 0 }
        return Self.central(entries[i].value)
    }

    /// The largest value each parameter can take, for "shares must not sum above 1" checks (checked
    /// year by year for schedules: here a schedule gives its first year's).
    var upperValues: [Double] { entries.map { Self.upper($0.value) } }

    private static func upper(_ v: ParameterValue) -> Double {
        switch v {
        case let .number(x): return x
        case let .distribution(d): return d.support.upperBound
        case let .schedule(s): return upper(s.value(inYear: 1))
        }
    }

    /// Checks that involve several parameters (e.g. income shares summing above 1), in every year a
    /// schedule starts, and that each schedule's years lie inside the horizon.
    func crossCheckProblems() -> [ScenarioProblem] {
        var problems = ModelParameters.crossChecks(inYear(1))
        for year in changeYears {
            for problem in ModelParameters.crossChecks(inYear(year)) where !problems.contains(where: { $0.message == problem.message }) {
                problems.append(ScenarioProblem("from year \(year): \(problem.message)", at: problem.origin))
            }
        }
        let horizon = Int(centralValue("region.time.horizon_years"))
        for (i, e) in entries.enumerated() {
            guard case let .schedule(s) = e.value else { continue }
            for step in s.steps where step.year > horizon {
                problems.append(ScenarioProblem(
                    "\(catalogue.specs[i].path): schedule year \(step.year) is outside the horizon (region.time.horizon_years = \(horizon))",
                    at: step.origin ?? e.origin))
            }
        }
        return problems
    }

    /// The origin of the setting of `path`, if the scenario set it.
    public func origin(of path: String) -> Origin? {
        catalogue.index(of: path).flatMap { entries[$0].origin }
    }
}

/// FNV-1a, 32 bits: a stable hash of a parameter path (Swift's `Hasher` is seeded per process).
func fnv1a32(_ s: String) -> UInt32 {
    var h: UInt32 = 0x811C_9DC5
    for b in s.utf8 {
        h ^= UInt32(b)
        h = h &* 0x0100_0193
    }
    return h
}
