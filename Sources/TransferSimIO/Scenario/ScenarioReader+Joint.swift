// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore
import Yams

/// The scenario's `joint:` section (groups of parameters drawn together from weighted sample
/// files) and `correlations:` section (rank correlations between parameters given as
/// distributions, imposed by Iman–Conover).
///
/// ```yaml
/// joint:
///   - file: posterior.csv          # relative to this scenario file; a `weight` column, one per parameter
///     parameters: [region.arrivals.annual_disclosures, region.matching.base_rate]   # optional: default every column but weight
/// correlations:
///   - parameters: [region.arrivals.annual_disclosures, region.venture.private_availability]
///     rank: 0.5
/// ```
extension ScenarioReader {
    /// The column of a sample file that holds the rows' weights (optional: equal weights without it).
    static let weightColumn = "weight"

    mutating func readJointSamples(_ node: Node) -> [JointSample] {
        guard let items = list(node, what: "joint", example: "[{file: posterior.csv}]") else { return [] }
        var samples: [JointSample] = []
        for item in items {
            guard case let .mapping(mapping) = item else {
                report("each joint sample must be a mapping such as {file: posterior.csv, parameters: [...]}", at: origin(of: item))
                continue
            }
            var fileName: String?
            var wanted: [String]?
            for entry in entries(of: mapping, place: "in a joint sample") {
                switch entry.key {
                case "file": fileName = text(entry.value, what: "file")
                case "parameters": wanted = names(entry.value, what: "parameters")
                default:
                    var message = "unknown key '\(entry.key)' in a joint sample (it takes file, parameters)"
                    if let guess = closestMatch(to: entry.key, among: ["file", "parameters"]) { message += "; did you mean '\(guess)'?" }
                    report(message, at: origin(of: entry.keyNode))
                }
            }
            guard let fileName, !fileName.isEmpty else {
                report("a joint sample needs its file (a CSV with a weight column and one column per parameter)", at: origin(of: item))
                continue
            }
            if let sample = readSampleFile(fileName, parameters: wanted, at: origin(of: item)) { samples.append(sample) }
        }
        return samples
    }

    /// The sample file `name` (relative to the scenario file), its columns `parameters` (default:
    /// all but `weight`) and its weights (default: equal).
    private mutating func readSampleFile(_ name: String, parameters: [String]?, at origin: Origin) -> JointSample? {
        let path = name.hasPrefix("/") ? name
            : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        let text: String
        do throws(ScenarioError) {
            text = try InputFile.text(path, kind: "joint sample")
        } catch {
            report("cannot read the joint sample '\(name)': \(error.problems.first?.message ?? "unreadable")", at: origin)
            return nil
        }
        var rows = CSVReader.rows(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        guard !rows.isEmpty else {
            report("the joint sample '\(name)' is empty (it needs a header row and one row per draw)", at: origin)
            return nil
        }
        let header = rows.removeFirst()
        let weightIndex = header.firstIndex(of: Self.weightColumn)
        let paths = parameters ?? header.filter { $0 != Self.weightColumn }
        var columns: [Int] = []
        for p in paths {
            guard let c = header.firstIndex(of: p) else {
                report("the joint sample '\(name)' has no column '\(p)' (its columns: \(header.joined(separator: ", ")))", at: origin)
                return nil
            }
            columns.append(c)
        }
        var values: [Double] = []
        var weights: [Double] = []
        values.reserveCapacity(rows.count * paths.count)
        for (r, row) in rows.enumerated() {
            guard row.count == header.count else {
                report("\(path):\(r + 2): row has \(row.count) fields, the header \(header.count)", at: origin)
                return nil
            }
            for c in columns {
                guard let x = Double(row[c]), x.isFinite else {
                    report("\(path):\(r + 2): '\(row[c])' in column \(header[c]) is not a finite number", at: origin)
                    return nil
                }
                values.append(x)
            }
            if let w = weightIndex {
                guard let x = Double(row[w]) else {
                    report("\(path):\(r + 2): weight '\(row[w])' is not a number", at: origin)
                    return nil
                }
                weights.append(x)
            } else {
                weights.append(1)
            }
        }
        return JointSample(name: name, paths: paths, values: values, weights: weights, origin: origin)
    }

    mutating func readCorrelations(_ node: Node) -> [RankCorrelation] {
        guard let items = list(node, what: "correlations", example: "[{parameters: [a, b], rank: 0.5}]") else { return [] }
        var result: [RankCorrelation] = []
        for item in items {
            guard case let .mapping(mapping) = item else {
                report("each correlation must be a mapping such as {parameters: [a, b], rank: 0.5}", at: origin(of: item))
                continue
            }
            var pair: [String]?
            var rho: Double?
            for entry in entries(of: mapping, place: "in a correlation") {
                switch entry.key {
                case "parameters": pair = names(entry.value, what: "parameters")
                case "rank":
                    if case let .scalar(s) = entry.value, case let .number(x) = YAMLScalar(s) { rho = x } else {
                        report("rank must be a number between -1 and 1", at: origin(of: entry.value))
                    }
                default:
                    var message = "unknown key '\(entry.key)' in a correlation (it takes parameters, rank)"
                    if let guess = closestMatch(to: entry.key, among: ["parameters", "rank"]) { message += "; did you mean '\(guess)'?" }
                    report(message, at: origin(of: entry.keyNode))
                }
            }
            guard let pair, pair.count == 2, let rho else {
                report("a correlation needs parameters (a list of two parameter paths) and rank (a number between -1 and 1)", at: origin(of: item))
                continue
            }
            result.append(RankCorrelation(pair[0], pair[1], rho: rho, origin: origin(of: item)))
        }
        return result
    }

    /// The elements of a list (an empty value gives none), or `nil` with a problem.
    private mutating func list(_ node: Node, what: String, example: String) -> [Node]? {
        switch node {
        case let .sequence(sequence): return Array(sequence)
        case let .scalar(scalar):
            if case .null = YAMLScalar(scalar) { return [] }
            report("\(what) must be a list such as \(example), got \(YAMLScalar.describe(scalar))", at: origin(of: node))
        case .mapping, .alias:
            report("\(what) must be a list such as \(example)", at: origin(of: node))
        }
        return nil
    }

    /// A list of names (`[a, b]`), or `nil` with a problem.
    private mutating func names(_ node: Node, what: String) -> [String]? {
        guard case let .sequence(sequence) = node else {
            report("\(what) must be a list of parameter paths such as [region.arrivals.annual_disclosures]", at: origin(of: node))
            return nil
        }
        var out: [String] = []
        for element in sequence {
            guard case let .scalar(s) = element, !s.string.isEmpty else {
                report("each of \(what) must be a parameter path", at: origin(of: element))
                return nil
            }
            out.append(s.string)
        }
        return out
    }
}
