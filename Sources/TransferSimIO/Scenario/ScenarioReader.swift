// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// Turns a composed scenario document into a `Scenario`, collecting every problem with its
/// position instead of stopping at the first.
///
/// The file's structure mirrors the catalogue's dotted paths: under the catalogue's top-level
/// groups (`region`, `policy`) a mapping is either a nesting level or, when it has a `dist` key, a
/// distribution; scalars are values. Nothing here knows particular parameters except the
/// convention that fields of research live at `region.fields.<name>` and a new one gives `share`.
struct ScenarioReader {
    /// One key of a mapping with its value.
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    /// The file name used in origins.
    let file: String
    let document: YAMLDocument
    /// The catalogue the settings are checked against, with the fields the file adds.
    private(set) var catalogue = ParameterCatalogue.standard
    /// Everything wrong so far.
    private(set) var problems: [ScenarioProblem] = []
    /// New fields and funds already reported (they lack their required key), by block path:
    /// skipped when reading `region.fields` and `policy.funds`.
    private var rejected: [String: Set<String>] = [:]

    /// Keys a variant accepts.
    static let variantKeys = ["description", "policy"]
    /// Where fields of research are set, and the key a new field must give.
    static let fieldsPath = "region.fields"
    static let fieldShareKey = "share"

    init(file: String, document: YAMLDocument) {
        self.file = file
        self.document = document
    }

    /// Checks settings against `catalogue` (a scenario's, with its added fields and funds) instead
    /// of the standard one: for files that set a scenario's parameters (an observed file's priors).
    mutating func setCatalogue(_ catalogue: ParameterCatalogue) {
        self.catalogue = catalogue
    }

    /// The scenario, or `nil` when there are problems (then in `problems`).
    mutating func read(defaultName: String) -> Scenario? {
        var isEmpty = document.root == nil
        if case let .scalar(scalar) = document.root, scalar.string.isEmpty, scalar.style == .plain { isEmpty = true }
        guard let root = document.root, !isEmpty else {
            report("the scenario file is empty", at: Origin(file: file, line: 1, column: 1))
            return nil
        }
        guard case let .mapping(top) = root else {
            let keys = ["name", "description"] + catalogue.childKeys(of: "") + ["variants"]
            report("not a scenario file: expected a mapping of keys at the top level (\(keys.joined(separator: ", ")))",
                   at: origin(of: root))
            return nil
        }
        let entries = self.entries(of: top, place: "at the top level")
        let addedFields = scanFields(entries)
        let addedFunds = scanFunds(entries)
        catalogue = ParameterCatalogue(extraFields: addedFields, extraFunds: addedFunds)
        let groups = catalogue.childKeys(of: "")

        var scenario = Scenario(name: defaultName, file: file, addedFields: addedFields, addedFunds: addedFunds)
        var settings: [String: ParameterSetting] = [:]
        var targetNode: Node?
        for entry in entries {
            switch entry.key {
            case "name":
                if let name = text(entry.value, what: "name") {
                    if name.trimmingWhitespace().isEmpty {
                        report("name must not be empty", at: origin(of: entry.value))
                    } else {
                        scenario.name = name
                    }
                }
            case "description":
                scenario.description = text(entry.value, what: "description") ?? ""
            case "variants":
                scenario.variants = readVariants(entry.value)
            case "levers":
                // Policy steps for `transfersim levers`, written and checked like variants.
                scenario.levers = readVariants(entry.value)
            case "targets":
                targetNode = entry.value
            case "joint":
                scenario.jointSamples = readJointSamples(entry.value)
            case "correlations":
                scenario.rankCorrelations = readCorrelations(entry.value)
            case _ where groups.contains(entry.key):
                readGroupValue(entry.value, path: entry.key, into: &settings)
            default:
                reportUnknownTopLevelKey(entry, groups: groups)
            }
        }
        scenario.settings = settings
        if let targetNode { scenario.targets = readTargets(targetNode, policies: scenario.policyNames) }
        return problems.isEmpty ? scenario : nil
    }

    // MARK: Mappings

    /// The entries of a mapping, in file order, with repeated and malformed keys reported (once
    /// each, when `report` is set) and left out; a repeated key keeps its first value.
    mutating func entries(of mapping: Node.Mapping, place: String, report: Bool = true) -> [Entry] {
        var seen: [String: Origin] = [:]
        var result: [Entry] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                if report { self.report("a key must be a name, not a mapping or a list (\(place))", at: origin(of: keyNode)) }
                continue
            }
            let key = document.keyName(scalar)
            let keyOrigin = origin(of: keyNode)
            if key.isEmpty {
                if report { self.report("empty key \(place)", at: keyOrigin) }
                continue
            }
            if let first = seen[key] {
                if report {
                    self.report("duplicate key '\(key)' \(place): \(Self.positions(first, keyOrigin))", at: keyOrigin)
                }
                continue
            }
            seen[key] = keyOrigin
            result.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        return result
    }

    /// "first at line 4, again at line 6", with columns when both are on one line.
    static func positions(_ first: Origin, _ again: Origin) -> String {
        if first.line == again.line {
            return "first at line \(first.line), column \(first.column), again at column \(again.column)"
        }
        return "first at line \(first.line), again at line \(again.line)"
    }

    /// A problem when `key` holds a dot: keys are single names, a path is written as nesting.
    static func dottedKeyProblem(_ key: String) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return nil }
        let nested = parts.dropFirst().reversed().reduce("…") { "{\($1): \($0)}" }
        return "key '\(key)' holds a dot: keys are single names, so write a dotted path as nested keys (\(parts[0]): \(nested))"
    }

    /// Whether a mapping is a distribution (it has a `dist` key).
    func isDistribution(_ mapping: Node.Mapping) -> Bool {
        mapping.keys.contains { node in
            if case let .scalar(scalar) = node { return document.keyName(scalar) == "dist" }
            return false
        }
    }

    /// A nesting level of the catalogue (`policy`, `policy.income`): a mapping of its keys; an
    /// empty value (only comments below the key) sets nothing.
    mutating func readGroupValue(_ node: Node, path: String, into settings: inout [String: ParameterSetting]) {
        switch node {
        case let .mapping(mapping):
            if isDistribution(mapping) {
                report("\(path) is a group of settings, not a single parameter: it cannot be a distribution",
                       at: origin(of: node))
            } else {
                readGroup(mapping, path: path, into: &settings)
            }
        case let .scalar(scalar):
            if case .null = YAMLScalar(scalar) { return }
            report("\(path) must be a mapping of its settings (\(keyList(path))), got \(YAMLScalar.describe(scalar))",
                   at: origin(of: node))
        case .sequence, .alias:
            report("\(path) must be a mapping of its settings (\(keyList(path))), got a list", at: origin(of: node))
        }
    }

    private mutating func readGroup(_ mapping: Node.Mapping, path: String, into settings: inout [String: ParameterSetting]) {
        for entry in entries(of: mapping, place: "in \(path)") {
            let child = path + "." + entry.key
            if rejected[path]?.contains(entry.key) == true { continue }
            if let problem = Self.dottedKeyProblem(entry.key) {
                report(problem, at: origin(of: entry.keyNode))
            } else if let spec = catalogue.spec(for: child) {
                readSetting(spec, entry.value, into: &settings)
            } else if !catalogue.childKeys(of: child).isEmpty {
                readGroupValue(entry.value, path: child, into: &settings)
            } else {
                reportUnknownKey(entry, in: path)
            }
        }
    }

    /// "horizon_years" or "a, b, c, d, e, …" for messages.
    private func keyList(_ path: String) -> String {
        let keys = catalogue.childKeys(of: path)
        return keys.count <= 6 ? keys.joined(separator: ", ") : keys.prefix(5).joined(separator: ", ") + ", …"
    }

    // MARK: Named blocks: fields of research and funds

    /// A catalogue level whose keys are names a scenario may add to: fields of research at
    /// `region.fields.<name>`, funds at `policy.funds.<id>`. A new name must give `requiredKey`.
    struct NamedBlocks {
        let path: String
        let what: String
        let requiredKey: String
        let defaults: [String]
    }

    static let fieldBlocks = NamedBlocks(path: fieldsPath, what: "field", requiredKey: fieldShareKey,
                                         defaults: ParameterCatalogue.standard.fields)
    static let fundBlocks = NamedBlocks(path: "policy.funds", what: "fund", requiredKey: Funds.requiredKey,
                                        defaults: Funds.defaultFunds)

    /// The fields the file adds (names not in the default list that give a share); reports those
    /// that give no share, suggesting the default field they may be a misspelling of.
    private mutating func scanFields(_ top: [Entry]) -> [String] {
        scan(Self.fieldBlocks, in: [top])
    }

    /// The funds the file adds, in its baseline policy or in any variant's.
    private mutating func scanFunds(_ top: [Entry]) -> [String] {
        var levels = [top]
        for section in ["variants", "levers"] {
            if let variants = top.first(where: { $0.key == section }), case let .mapping(mapping) = variants.value {
                for variant in entries(of: mapping, place: "", report: false) {
                    if case let .mapping(body) = variant.value { levels.append(entries(of: body, place: "", report: false)) }
                }
            }
        }
        return scan(Self.fundBlocks, in: levels)
    }

    /// The names added under `blocks.path` in each of `levels` (mappings that hold that path).
    private mutating func scan(_ blocks: NamedBlocks, in levels: [[Entry]]) -> [String] {
        var added: [String] = []
        let keys = blocks.path.split(separator: ".").map(String.init)
        for top in levels {
            var level = top
            var found = true
            for key in keys {
                guard let entry = level.first(where: { $0.key == key }), case let .mapping(mapping) = entry.value else {
                    found = false
                    break
                }
                level = entries(of: mapping, place: "", report: false)
            }
            guard found else { continue }
            for entry in level where !blocks.defaults.contains(entry.key) && !added.contains(entry.key) {
                if rejected[blocks.path, default: []].contains(entry.key) { continue }
                if let problem = Self.nameProblem(entry.key, what: blocks.what) {
                    report(problem, at: origin(of: entry.keyNode))
                    rejected[blocks.path, default: []].insert(entry.key)
                    continue
                }
                var givesRequired = false
                if case let .mapping(mapping) = entry.value {
                    givesRequired = entries(of: mapping, place: "", report: false).contains { $0.key == blocks.requiredKey }
                }
                if givesRequired {
                    added.append(entry.key)
                } else {
                    var message = "unknown \(blocks.what) '\(entry.key)'"
                    if let guess = closestMatch(to: entry.key, among: blocks.defaults) { message += "; did you mean '\(guess)'?" }
                    message += " (a new \(blocks.what) must give its \(blocks.requiredKey))"
                    report(message, at: origin(of: entry.keyNode))
                    rejected[blocks.path, default: []].insert(entry.key)
                }
            }
        }
        return added
    }

    /// Why a new field's or fund's name cannot be used as one path segment, if it cannot.
    static func nameProblem(_ name: String, what: String) -> String? {
        let bad = name.unicodeScalars.contains { $0 == "." || $0.properties.isWhitespace || $0.value < 0x20 }
        return bad ? "\(what) name '\(name)' must not contain '.', spaces or control characters" : nil
    }

    // MARK: Variants

    private mutating func readVariants(_ node: Node) -> [PolicyVariant] {
        let mapping: Node.Mapping
        switch node {
        case let .mapping(m): mapping = m
        case let .scalar(scalar):
            if case .null = YAMLScalar(scalar) { return [] }
            report("variants must be a mapping from each variant's name to its policy changes, got \(YAMLScalar.describe(scalar))",
                   at: origin(of: node))
            return []
        case .sequence, .alias:
            report("variants must be a mapping from each variant's name to its policy changes, got a list",
                   at: origin(of: node))
            return []
        }
        var variants: [PolicyVariant] = []
        for entry in entries(of: mapping, place: "in variants") {
            if entry.key == "baseline" {
                report("'baseline' names the scenario's own policy: choose another name for this variant",
                       at: origin(of: entry.keyNode))
                continue
            }
            if let variant = readVariant(name: entry.key, entry.value) { variants.append(variant) }
        }
        return variants
    }

    private mutating func readVariant(name: String, _ node: Node) -> PolicyVariant? {
        var description = ""
        var settings: [String: ParameterSetting] = [:]
        switch node {
        case let .mapping(mapping):
            let groups = catalogue.childKeys(of: "")
            for entry in entries(of: mapping, place: "in variant '\(name)'") {
                switch entry.key {
                case "description":
                    description = text(entry.value, what: "the description of variant '\(name)'") ?? ""
                case "policy":
                    readGroupValue(entry.value, path: "policy", into: &settings)
                case _ where groups.contains(entry.key):
                    report("variant '\(name)' cannot set \(entry.key): variants change policy only (set \(entry.key) values for the whole scenario at the top level)",
                           at: origin(of: entry.keyNode))
                default:
                    var message = "unknown key '\(entry.key)' in variant '\(name)'"
                    if let guess = closestMatch(to: entry.key, among: Self.variantKeys) {
                        message += "; did you mean '\(guess)'?"
                    } else if catalogue.childKeys(of: "policy").contains(entry.key) {
                        message += "; a variant's policy settings go under 'policy:' (policy: {\(entry.key): …})"
                    } else {
                        message += " (a variant takes \(Self.variantKeys.joined(separator: ", ")))"
                    }
                    report(message, at: origin(of: entry.keyNode))
                }
            }
        case let .scalar(scalar):
            if case .null = YAMLScalar(scalar) { break }
            report("variant '\(name)' must be a mapping with its description and policy, got \(YAMLScalar.describe(scalar))",
                   at: origin(of: node))
            return nil
        case .sequence, .alias:
            report("variant '\(name)' must be a mapping with its description and policy, got a list", at: origin(of: node))
            return nil
        }
        return PolicyVariant(name: name, description: description, settings: settings)
    }

    // MARK: Messages

    private mutating func reportUnknownTopLevelKey(_ entry: Entry, groups: [String]) {
        if let problem = Self.dottedKeyProblem(entry.key) {
            report(problem, at: origin(of: entry.keyNode))
            return
        }
        let allowed = ["name", "description"] + groups + ["variants", "levers", "targets", "joint", "correlations"]
        var message = "unknown key '\(entry.key)' at the top level"
        if let guess = closestMatch(to: entry.key, among: allowed) {
            message += "; did you mean '\(guess)'?"
        } else if let group = groups.first(where: { catalogue.childKeys(of: $0).contains(entry.key) }) {
            message += "; it belongs under '\(group)'"
        } else {
            message += " (a scenario takes \(allowed.joined(separator: ", ")))"
        }
        report(message, at: origin(of: entry.keyNode))
    }

    private mutating func reportUnknownKey(_ entry: Entry, in path: String) {
        var message = "unknown key '\(entry.key)' in \(path)"
        if let guess = closestMatch(to: entry.key, among: catalogue.childKeys(of: path)) {
            message += "; did you mean '\(guess)'?"
        } else if let elsewhere = catalogue.specs.first(where: { $0.path.hasSuffix("." + entry.key) }) {
            message += "; did you mean '\(elsewhere.path)'?"
        }
        report(message, at: origin(of: entry.keyNode))
    }

    /// A scalar's text (names and descriptions); `nil` with a problem for a mapping or a list.
    mutating func text(_ node: Node, what: String) -> String? {
        switch node {
        case let .scalar(scalar):
            if case .null = YAMLScalar(scalar) { return "" }
            return scalar.string
        case .mapping:
            report("\(what) must be text, got a mapping", at: origin(of: node))
        case .sequence, .alias:
            report("\(what) must be text, got a list", at: origin(of: node))
        }
        return nil
    }

    /// Where `node` starts in the file.
    func origin(of node: Node) -> Origin {
        let mark = node.mark
        return Origin(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// `targets:` — a list of written targets (`Target.parse`), each checked where it stands; a
    /// `policy/` prefix must name the baseline or a variant.
    private mutating func readTargets(_ node: Node, policies: [String]) -> [ScenarioTarget] {
        guard case let .sequence(list) = node else {
            report("targets must be a list of conditions such as 'local_conversion_share.mean >= 0.02'",
                   at: origin(of: node))
            return []
        }
        var targets: [ScenarioTarget] = []
        for item in list {
            guard case let .scalar(scalar) = item else {
                report("each target must be text such as 'local_conversion_share.mean >= 0.02'", at: origin(of: item))
                continue
            }
            let start = origin(of: item)
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            do {
                let target = try Target.parse(scalar.string)
                if let policy = target.policy, !policies.contains(policy) {
                    var message = "unknown policy '\(policy)' in target '\(scalar.string)'"
                    if let guess = closestMatch(to: policy, among: policies) {
                        message += "; did you mean '\(guess)'?"
                    } else {
                        message += " (known: \(policies.joined(separator: ", ")))"
                    }
                    report(message, at: start)
                    continue
                }
                targets.append(ScenarioTarget(target, origin: start))
            } catch {
                let column = start.column + error.column - 1 + (quoted ? 1 : 0)
                report(error.message, at: Origin(file: file, line: start.line, column: column))
            }
        }
        return targets
    }

    mutating func report(_ message: String, at origin: Origin) {
        problems.append(ScenarioProblem(message, at: origin))
    }
}

extension String {
    /// The string without leading and trailing white space.
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }
}
