// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// An observed file: the figures a region has observed, each mapped to a model quantity, with its
/// uncertainty and source; and optionally priors for parameters the scenario gives as numbers.
///
/// ```yaml
/// # yaml-language-server: $schema=observed.schema.json
/// description: Henan's reported pilot programme (seed document 000)
/// figures:
///   - name: pilot_projects
///     label: "中试服务项目 pilot projects"
///     funnel: pilot            # or metric: NAME, or yearly: NAME with years: [first, last]
///     column: entered          # funnel only (default passed)
///     value: 2010
///     uncertainty: 400         # standard error or tolerance, in the figure's units (> 0)
///     source: "000: 开展中试服务项目2010项"
/// priors:                      # parameters to fit besides the scenario's own distributions
///   region:
///     arrivals:
///       annual_disclosures: {dist: uniform, low: 1500, high: 5000}
/// ```
public struct ObservedFile: Sendable {
    public var description: String
    public var figures: [ObservedFigure]
    /// Priors by parameter path, with where they were set.
    public var priors: [String: ParameterSetting]
    /// Where the `figures` key is (for "no uncertain parameters" and similar messages).
    public var origin: Origin

    /// The keys of a figure.
    static let figureKeys = ["name", "label", "metric", "per", "yearly", "funnel", "column", "years", "statistic", "value",
                             "uncertainty", "source"]
    static let topKeys = ["description", "figures", "priors"]

    /// Reads and checks an observed file for a scenario of `horizonYears` years whose parameters are
    /// `catalogue`'s. Every problem is reported at its line, in one `ScenarioError`.
    public static func parse(yaml: String, file: String, horizonYears: Int,
                             catalogue: ParameterCatalogue = .standard) throws(ScenarioError) -> ObservedFile {
        let document = try YAMLDocument.compose(yaml, file: file)
        var reader = ScenarioReader(file: file, document: document)
        reader.setCatalogue(catalogue)
        let start = Origin(file: file, line: 1, column: 1)
        guard let root = document.root, case let .mapping(top) = root else {
            throw ScenarioError("not an observed file: expected a mapping with figures (and optionally description, priors)", at: start)
        }
        var observed = ObservedFile(description: "", figures: [], priors: [:], origin: start)
        var sawFigures = false
        for entry in reader.entries(of: top, place: "at the top level") {
            switch entry.key {
            case "description":
                observed.description = reader.text(entry.value, what: "description") ?? ""
            case "figures":
                sawFigures = true
                observed.origin = reader.origin(of: entry.keyNode)
                observed.figures = readFigures(entry.value, reader: &reader, horizonYears: horizonYears)
            case "priors":
                readPriors(entry.value, reader: &reader, into: &observed.priors)
            default:
                var message = "unknown key '\(entry.key)' at the top level of the observed file (it takes \(topKeys.joined(separator: ", ")))"
                if let guess = closestMatch(to: entry.key, among: topKeys) { message += "; did you mean '\(guess)'?" }
                reader.report(message, at: reader.origin(of: entry.keyNode))
            }
        }
        if !sawFigures { reader.report("the observed file lists no figures (a 'figures:' list is required)", at: start) }
        if !reader.problems.isEmpty { throw ScenarioError(reader.problems.sorted { ($0.origin?.line ?? 0, $0.origin?.column ?? 0) < ($1.origin?.line ?? 0, $1.origin?.column ?? 0) }) }
        return observed
    }

    private static func readPriors(_ node: Node, reader: inout ScenarioReader, into priors: inout [String: ParameterSetting]) {
        guard case let .mapping(mapping) = node else {
            if case let .scalar(s) = node, case .null = YAMLScalar(s) { return }
            reader.report("priors must be a mapping in the scenario's form (region: {…}, policy: {…}) whose values are distributions",
                          at: reader.origin(of: node))
            return
        }
        let groups = reader.catalogue.childKeys(of: "")
        var settings: [String: ParameterSetting] = [:]
        for entry in reader.entries(of: mapping, place: "in priors") {
            guard groups.contains(entry.key) else {
                var message = "unknown key '\(entry.key)' in priors (it takes \(groups.joined(separator: ", ")))"
                if let guess = closestMatch(to: entry.key, among: groups) { message += "; did you mean '\(guess)'?" }
                reader.report(message, at: reader.origin(of: entry.keyNode))
                continue
            }
            reader.readGroupValue(entry.value, path: entry.key, into: &settings)
        }
        for (path, setting) in settings {
            guard case .distribution = setting.value else {
                reader.report("the prior of \(path) must be a distribution such as {dist: uniform, low: …, high: …}",
                              at: setting.origin ?? reader.origin(of: node))
                continue
            }
            priors[path] = setting
        }
    }

    private static func readFigures(_ node: Node, reader: inout ScenarioReader, horizonYears: Int) -> [ObservedFigure] {
        guard case let .sequence(sequence) = node else {
            reader.report("figures must be a list of figures, each a mapping with name, a quantity, value, uncertainty and source",
                          at: reader.origin(of: node))
            return []
        }
        var figures: [ObservedFigure] = []
        var names: [String: Origin] = [:]
        for item in sequence {
            guard case let .mapping(mapping) = item else {
                reader.report("each figure must be a mapping with name, a quantity (metric, yearly or funnel), value, uncertainty and source",
                              at: reader.origin(of: item))
                continue
            }
            if let figure = readFigure(mapping, at: reader.origin(of: item), reader: &reader, horizonYears: horizonYears) {
                if let first = names[figure.name] {
                    reader.report("figure name '\(figure.name)' is used twice: first at line \(first.line)", at: reader.origin(of: item))
                    continue
                }
                names[figure.name] = reader.origin(of: item)
                figures.append(figure)
            }
        }
        if figures.isEmpty && reader.problems.isEmpty {
            reader.report("the observed file lists no figures", at: reader.origin(of: node))
        }
        return figures
    }

    private static func readFigure(_ mapping: Node.Mapping, at origin: Origin, reader: inout ScenarioReader,
                                   horizonYears: Int) -> ObservedFigure? {
        var fields: [String: ScenarioReader.Entry] = [:]
        let before = reader.problems.count
        for entry in reader.entries(of: mapping, place: "in a figure") {
            guard figureKeys.contains(entry.key) else {
                var message = "unknown key '\(entry.key)' in a figure (it takes \(figureKeys.joined(separator: ", ")))"
                if let guess = closestMatch(to: entry.key, among: figureKeys) { message += "; did you mean '\(guess)'?" }
                reader.report(message, at: reader.origin(of: entry.keyNode))
                continue
            }
            fields[entry.key] = entry
        }
        func string(_ key: String) -> String? {
            guard let entry = fields[key] else { return nil }
            return reader.text(entry.value, what: key)
        }
        func number(_ key: String) -> Double? {
            guard let entry = fields[key] else { return nil }
            if case let .scalar(s) = entry.value, case let .number(x) = YAMLScalar(s), x.isFinite { return x }
            reader.report("\(key) must be a number", at: reader.origin(of: entry.value))
            return nil
        }
        let name = string("name") ?? ""
        if fields["name"] == nil || name.isEmpty { reader.report("a figure needs a name (a short identifier)", at: origin) }
        let what = name.isEmpty ? "the figure" : "figure '\(name)'"
        // The quantity: exactly one of metric, yearly, funnel.
        let kinds = ["metric", "yearly", "funnel"].filter { fields[$0] != nil }
        var quantity: ObservedQuantity?
        if kinds.count != 1 {
            reader.report("\(what) needs exactly one of metric, yearly or funnel (the model quantity it is compared with)", at: origin)
        } else if let entry = fields[kinds[0]], let chosen = string(kinds[0]) {
            let at = reader.origin(of: entry.value)
            switch kinds[0] {
            case "metric":
                if let m = Metric(name: chosen) {
                    quantity = .metric(m)
                    if let perEntry = fields["per"], let per = string("per") {
                        if let d = Metric(name: per) {
                            quantity = .ratio(m, per: d)
                        } else {
                            reader.report(unknown("metric", per, among: Metric.allCases.map(\.name)), at: reader.origin(of: perEntry.value))
                        }
                    }
                } else {
                    reader.report(unknown("metric", chosen, among: Metric.allCases.map(\.name)), at: at)
                }
                for key in ["years", "statistic", "column"] where fields[key] != nil {
                    reader.report("\(key) does not apply to a metric (a metric covers the whole horizon; use yearly: for a window of years)",
                                  at: reader.origin(of: fields[key]!.keyNode))
                }
            case "yearly":
                for key in ["per", "column"] where fields[key] != nil {
                    reader.report("\(key) does not apply to a yearly figure", at: reader.origin(of: fields[key]!.keyNode))
                }
                let statistic: WindowStatistic
                if let text = string("statistic") {
                    if let s = WindowStatistic(rawValue: text) { statistic = s } else {
                        reader.report("statistic must be mean or sum, got '\(text)'", at: reader.origin(of: fields["statistic"]!.value))
                        statistic = .mean
                    }
                } else {
                    statistic = .mean
                }
                guard let m = YearlyMetric.allCases.first(where: { $0.name == chosen }) else {
                    reader.report(unknown("yearly metric", chosen, among: YearlyMetric.allCases.map(\.name)), at: at)
                    break
                }
                guard let yearsEntry = fields["years"] else {
                    reader.report("\(what): a yearly figure needs years: [first, last] (simulated years, 1 to \(horizonYears))", at: origin)
                    break
                }
                guard case let .sequence(pair) = yearsEntry.value, pair.count == 2,
                      case let .scalar(a) = pair[0], case let .number(first) = YAMLScalar(a),
                      case let .scalar(b) = pair[1], case let .number(last) = YAMLScalar(b),
                      first == first.rounded(), last == last.rounded(), abs(first) < 1e6, abs(last) < 1e6 else {
                    reader.report("years must be [first, last], two whole numbers of simulated years", at: reader.origin(of: yearsEntry.value))
                    break
                }
                let q = ObservedQuantity.yearly(m, first: Int(first), last: Int(last), statistic: statistic)
                if let problem = q.problem(horizonYears: horizonYears) {
                    reader.report("\(what): \(problem)", at: reader.origin(of: yearsEntry.value))
                } else {
                    quantity = q
                }
            default:
                guard let stage = FunnelStage.allCases.first(where: { $0.name == chosen }) else {
                    reader.report(unknown("funnel stage", chosen, among: FunnelStage.allCases.map(\.name)), at: at)
                    break
                }
                var column = FunnelColumn.passed
                if let text = string("column") {
                    if let c = FunnelColumn.allCases.first(where: { $0.name == text }) { column = c } else {
                        reader.report(unknown("funnel column", text, among: FunnelColumn.allCases.map(\.name)),
                                      at: reader.origin(of: fields["column"]!.value))
                    }
                }
                for key in ["years", "statistic", "per"] where fields[key] != nil {
                    reader.report("\(key) does not apply to a funnel stage (the funnel covers the whole horizon)",
                                  at: reader.origin(of: fields[key]!.keyNode))
                }
                quantity = .funnel(stage, column)
            }
        }
        let value = number("value")
        if fields["value"] == nil { reader.report("\(what) needs its observed value", at: origin) }
        let uncertainty = number("uncertainty")
        if let u = uncertainty, !(u > 0), let entry = fields["uncertainty"] {
            reader.report("\(what): uncertainty must be positive (a standard error or tolerance in the figure's units), got \(format(u))",
                          at: reader.origin(of: entry.value))
        }
        if fields["uncertainty"] == nil {
            reader.report("\(what) needs its uncertainty (a standard error or tolerance in the figure's units, > 0)", at: origin)
        }
        let source = string("source") ?? ""
        if fields["source"] == nil || source.isEmpty { reader.report("\(what) needs its source (a seed document, a statistical yearbook, …)", at: origin) }
        guard reader.problems.count == before, let quantity, let value, let uncertainty else { return nil }
        return ObservedFigure(name: name, label: string("label") ?? "", quantity: quantity, value: value,
                              uncertainty: uncertainty, source: source, origin: origin)
    }

    private static func unknown(_ what: String, _ name: String, among names: [String]) -> String {
        var message = "unknown \(what) '\(name)'"
        if let guess = closestMatch(to: name, among: names) { message += "; did you mean '\(guess)'?" }
        return message + " (see docs/calibration.md for the quantities)"
    }
}
