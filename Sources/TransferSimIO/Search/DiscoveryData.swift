// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The table `transfersim discover` runs PRIM over: its rows, their dimensions (the uncertain
/// inputs) and each row's value of the target's metric.
///
/// - A sweep with `sweep_trials.csv` (it keeps its trials): one row per point and trial; the
///   dimensions are the design's parameters and the values each trial drew for the scenario's
///   uncertain parameters (`draw:PATH`); the outcome is the trial's metric.
/// - A sweep without it, or any sweep with `points` asked for: one row per point of `sweep.csv`;
///   the dimensions are the design's parameters, the outcome is a statistic over the point's trials.
/// - A run: one row per trial of `trials.csv`; the dimensions are its drawn values.
public struct DiscoveryData: Sendable {
    /// What a row is.
    public enum Rows: Sendable, Equatable {
        case points, trials

        /// The rows' name in messages, English and Chinese ("points", "个点").
        public var words: (english: String, chinese: String) {
            self == .points ? ("points", "个点") : ("trials", "次试验")
        }
    }

    /// Why a folder cannot be read for discovery, with the exit code (64 a target or option that
    /// does not fit the table, 65 a bad table).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let exitCode: Int32
    }

    public let rows: Rows
    /// The table read (for messages).
    public let file: String
    public let dimensions: [String]
    /// One row of dimension values per case.
    public let x: [[Double]]
    /// Each row's value of the target's column (NaN when undefined).
    public let outcome: [Double]

    /// Reads the rows of `folder`, a results folder of `kind` (`sweep` or `run`), for the metric
    /// `metric` and, per point, the statistic `statistic` (a column of `sweep.csv`); `points`
    /// asks for a sweep's points even when it keeps its trials.
    public static func load(folder: String, kind: String, metric: Metric, statistic: String, points: Bool)
        throws(Problem) -> DiscoveryData {
        if kind == "run" {
            if points { throw Problem(description: "--points reads a sweep's sweep.csv; '\(folder)' is a run's folder", exitCode: 64) }
            return try table(folder: folder, file: TrialsTable.fileName, rows: .trials, column: metric.name) { header in
                header.indices.filter { header[$0].hasPrefix(DrawLayout.prefix) }
            }
        }
        let trials = OutputFolder.join(folder, SweepTable.trialsFileName)
        if !points, FileManager.default.fileExists(atPath: trials) {
            return try table(folder: folder, file: SweepTable.trialsFileName, rows: .trials, column: metric.name) { header in
                // After `point,trial`, up to the first metric: the design's parameters and the draws.
                let first = header.firstIndex(of: Metric.allCases[0].name) ?? header.count
                return Array(2..<max(2, first))
            }
        }
        return try table(folder: folder, file: SweepTable.fileName, rows: .points, column: metric.name + "." + statistic) { header in
            let first = header.firstIndex { $0.hasSuffix(".mean") } ?? header.count
            return Array(1..<max(1, first))
        }
    }

    /// Reads `file` of `folder`: the dimensions are the columns `dimensions(header)`, the outcome
    /// the column `column`.
    static func table(folder: String, file name: String, rows kind: Rows, column: String,
                      dimensions: ([String]) -> [Int]) throws(Problem) -> DiscoveryData {
        let file = OutputFolder.join(folder, name)
        // A results table, verified against its manifest by the caller: read whole.
        guard let bytes = try? FileSystem.readFile(file) else {
            throw Problem(description: "error: cannot read '\(file)'", exitCode: 66)
        }
        let table = CSVReader.rows(String(decoding: bytes, as: UTF8.self)).filter { $0 != [""] }
        let header = table.first ?? []
        let chosen = dimensions(header)
        guard let outcome = header.firstIndex(of: column) else {
            throw Problem(description: "\(file): error: no column '\(column)'", exitCode: 65)
        }
        guard !chosen.isEmpty else {
            let what = kind == .trials && name == TrialsTable.fileName
                ? "no drawn values (draw:PATH columns): the run's scenario gives no parameter as a distribution"
                : "no parameter columns"
            throw Problem(description: "\(file): error: \(what), nothing to discover over", exitCode: 65)
        }
        var x: [[Double]] = [], y: [Double] = []
        x.reserveCapacity(table.count)
        for (i, row) in table.dropFirst().enumerated() {
            let values = row.map { Double($0) ?? .nan }
            let point = chosen.map { values.indices.contains($0) ? values[$0] : .nan }
            guard values.count == header.count, point.allSatisfy(\.isFinite) else {
                throw Problem(description: "\(file):\(i + 2): error: expected \(header.count) cells with numbers in the parameter columns",
                              exitCode: 65)
            }
            x.append(point)
            y.append(values[outcome])
        }
        return DiscoveryData(rows: kind, file: file, dimensions: chosen.map { header[$0] }, x: x, outcome: y)
    }
}
