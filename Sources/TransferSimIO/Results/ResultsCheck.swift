// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// Evaluates targets on a saved results folder (`transfersim check`, `run --check`,
/// `compare --check`).
///
/// The values come from the folder's tables: `summary.csv` gives `metric.statistic` for every
/// column; `compare.csv` gives `policy/metric.statistic` for its columns, and the baseline's rows
/// also as plain `metric.mean`, `metric.ci_low`, `metric.ci_high` when there is no `summary.csv`.
/// The targets are those given plus the ones the scenario stated, which `run` and `compare` copy
/// into `manifest.json` (`targets`), so a folder can be checked without its scenario file.
public enum ResultsCheck {
    /// One target's outcome.
    public struct Outcome: Sendable, Encodable {
        public let target: String
        /// The value found (`nil` when the folder does not have it or it is undefined).
        public let value: Double?
        public let passed: Bool
        public let message: String
    }

    /// What can go wrong reading the folder.
    public struct FolderError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The values by key (`metric.statistic`, `policy/metric.statistic`) in the folder at `path`.
    public static func values(inFolder path: String) throws(FolderError) -> [String: Double] {
        let summary = read(path, SummaryTable.fileName)
        let compare = read(path, CompareTable.fileName)
        guard summary != nil || compare != nil else {
            throw FolderError(description: "'\(path)' holds neither \(SummaryTable.fileName) nor \(CompareTable.fileName): not a results folder")
        }
        var values: [String: Double] = [:]
        if let summary { values.merge(table(summary, keyColumns: 1)) { a, _ in a } }
        if let compare {
            values.merge(table(compare, keyColumns: 2)) { a, _ in a }
            if summary == nil {
                for (key, value) in table(compare, keyColumns: 2) where key.hasPrefix("baseline/") {
                    let plain = String(key.dropFirst("baseline/".count))
                    if plain.hasSuffix(".mean") || plain.hasSuffix(".ci_low") || plain.hasSuffix(".ci_high") {
                        values[plain] = value
                    }
                }
            }
        }
        return values
    }

    /// The targets the folder's manifest records (none when it has no manifest or no targets).
    public static func manifestTargets(inFolder path: String) -> [String] {
        guard let bytes = try? FileSystem.readFile(joined(path, OutputFolder.manifestName)),
              let manifest = try? Manifest.decode(from: Data(bytes)) else { return [] }
        return manifest.targets ?? []
    }

    /// Each target's outcome on `values`.
    public static func evaluate(_ targets: [Target], on values: [String: Double]) -> [Outcome] {
        targets.map { target in
            guard let value = values[target.key] else {
                return Outcome(target: target.description, value: nil, passed: false,
                               message: "FAIL \(target): \(target.key) is not in the results")
            }
            let passed = target.holds(value)
            let shown = value.isNaN ? "undefined" : format(value)
            return Outcome(target: target.description, value: value.isNaN ? nil : value, passed: passed,
                           message: "\(passed ? "pass" : "FAIL") \(target): value \(shown)")
        }
    }

    private static func read(_ folder: String, _ name: String) -> String? {
        guard let bytes = try? FileSystem.readFile(joined(folder, name)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `key.column → value` for every numeric column after the `keyColumns` name columns.
    private static func table(_ text: String, keyColumns: Int) -> [String: Double] {
        let rows = CSVReader.rows(text)
        guard let header = rows.first else { return [:] }
        var values: [String: Double] = [:]
        for row in rows.dropFirst() where row.count == header.count {
            let key = row.prefix(keyColumns).map(unneutralised).joined(separator: "/")
            for (column, cell) in zip(header, row).dropFirst(keyColumns) {
                values[key + "." + column] = cell.isEmpty ? .nan : (Double(cell) ?? .nan)
            }
        }
        return values
    }

    /// A text cell without the `'` `CSVWriter` puts before a formula-like first character.
    private static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().unicodeScalars.first,
              "=+-@\t\r".unicodeScalars.contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}
