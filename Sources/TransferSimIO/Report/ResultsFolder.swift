// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// A results folder read back for charts and the report: whichever of the tables `run`,
/// `compare`, `sweep` (and, where they exist, funds and sensitivity) wrote. Every table is
/// optional; a folder with none of them is not a results folder.
public struct ResultsFolder: Sendable {
    /// Why a folder cannot be read. `exitCode` is 66 when the folder is missing, 65 when it is not
    /// a results folder or a table in it is malformed.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let exitCode: Int32
    }

    /// A table as its header and rows of text cells (user text keeps CSV's neutralising `'`
    /// removed).
    public struct Table: Sendable {
        public let header: [String]
        public let rows: [[String]]

        /// The column index of `name`.
        public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

        /// The text in `row` under `name` ("" when there is no such column).
        public func text(_ row: [String], _ name: String) -> String {
            guard let i = column(name), i < row.count else { return "" }
            return Self.unneutralised(row[i])
        }

        /// The number in `row` under `name` (NaN when empty, missing or not a number).
        public func number(_ row: [String], _ name: String) -> Double {
            guard let i = column(name), i < row.count, let value = Double(row[i]) else { return .nan }
            return value
        }

        /// A text cell without the `'` `CSVWriter` puts before a formula-like first character.
        static func unneutralised(_ cell: String) -> String {
            guard cell.hasPrefix("'"), let second = cell.dropFirst().unicodeScalars.first,
                "=+-@\t\r".unicodeScalars.contains(second)
            else { return cell }
            return String(cell.dropFirst())
        }
    }

    /// The file names read, for messages.
    public static let knownFiles = [
        SummaryTable.fileName, TrialsTable.fileName, TimeSeriesTable.fileName, FunnelTable.fileName,
        CompareTable.fileName, CompareTimeSeriesTable.fileName, SweepTable.fileName, fundCashflowsFileName, sensitivityFileName, LeversTable.fileName,
        CalibrationTables.calibrationFile,
    ]
    /// The funds' cash-flow table: `fund,lp_class,year,statistic,contributions,distributions,nav,net_cumulative`.
    public static let fundCashflowsFileName = "fund_cashflows.csv"
    /// The sensitivity table: `method,output,parameter,index,estimate,ci_low,ci_high`.
    public static let sensitivityFileName = "sensitivity.csv"

    public let path: String
    public let manifest: Manifest?
    public let summary: Table?
    public let trials: Table?
    public let timeSeries: Table?
    public let funnel: Table?
    public let compare: Table?
    /// `compare_timeseries.csv` of a `compare` folder: each policy's yearly series and the paired
    /// differences by year (the cost curve).
    public let compareTimeSeries: Table?
    public let sweep: Table?
    public let fundCashflows: Table?
    public let sensitivity: Table?
    /// `sensitivity_samples.csv`: each evaluation's parameter values and output means (for OAT,
    /// the base case and each parameter's low and high setting).
    public let sensitivitySamples: Table?
    /// `levers.csv` of a `transfersim levers` folder.
    public let levers: Table?
    /// The tables of a `transfersim calibrate` folder (docs/calibration.md): each parameter's
    /// prior and posterior summaries, the final generation's weighted particles, generation 0's
    /// prior draws (absent in folders from before it was written), each figure against the
    /// posterior predictive, and the generations.
    public let calibration: Table?
    public let posteriorSample: Table?
    public let priorSample: Table?
    public let predictive: Table?
    public let generations: Table?

    /// The commands whose folders `report` and `plot` read.
    public static let readableKinds = ["run", "compare", "sweep", "merge", "sensitivity", "levers", "calibrate"]

    /// Reads the folder at `path` after checking it against its manifest
    /// (`Manifest.verifiedFolder`): complete, unaltered, and written by one of `kinds`.
    public static func verified(_ path: String, kinds: [String] = readableKinds) throws(ReadError) -> ResultsFolder {
        do {
            _ = try Manifest.verifiedFolder(path, kinds: kinds)
        } catch {
            throw ReadError(description: error.description, exitCode: error.exitCode)
        }
        return try ResultsFolder(path: path)
    }

    /// Reads the folder at `path` as it is, without checking it against its manifest (see
    /// `verified(_:kinds:)`, which the commands use).
    public init(path: String) throws(ReadError) {
        switch FileSystem.entry(at: path) {
        case .none:
            throw ReadError(description: "error: results folder '\(path)' does not exist", exitCode: 66)
        case .other:
            throw ReadError(description: "error: '\(path)' is a file, not a results folder", exitCode: 65)
        case .directory:
            break
        }
        self.path = path
        func table(_ name: String) -> Table? {
            guard let bytes = try? FileSystem.readFile(Self.joined(path, name)) else { return nil }
            let rows = CSVReader.rows(String(decoding: bytes, as: UTF8.self))
            guard let header = rows.first else { return nil }
            return Table(header: header, rows: Array(rows.dropFirst()).filter { $0.count == header.count })
        }
        summary = table(SummaryTable.fileName)
        trials = table(TrialsTable.fileName)
        timeSeries = table(TimeSeriesTable.fileName)
        funnel = table(FunnelTable.fileName)
        compare = table(CompareTable.fileName)
        compareTimeSeries = table(CompareTimeSeriesTable.fileName)
        sweep = table(SweepTable.fileName)
        fundCashflows = table(Self.fundCashflowsFileName)
        sensitivity = table(Self.sensitivityFileName)
        sensitivitySamples = table(SensitivityTable.samplesFileName)
        levers = table(LeversTable.fileName)
        calibration = table(CalibrationTables.calibrationFile)
        posteriorSample = table(CalibrationTables.posteriorFile)
        priorSample = table(CalibrationTables.priorFile)
        predictive = table(CalibrationTables.predictiveFile)
        generations = table(CalibrationTables.generationsFile)
        if let bytes = try? FileSystem.readFile(Self.joined(path, OutputFolder.manifestName)) {
            manifest = try? Manifest.decode(from: Data(bytes))
        } else {
            manifest = nil
        }
        let tables: [Table?] = [summary, trials, timeSeries, funnel, compare, compareTimeSeries, sweep, fundCashflows, sensitivity, levers,
                                calibration]
        if tables.allSatisfy({ $0 == nil }) {
            throw ReadError(
                description:
                    "error: '\(path)' is not a results folder: it holds none of \(Self.knownFiles.joined(separator: ", "))",
                exitCode: 65)
        }
    }

    /// The summary row of `metric` as `statistic → value` (`mean`, `p05`, …), if present.
    public func summary(of metric: String) -> [String: Double]? {
        guard let table = summary, let row = table.rows.first(where: { table.text($0, "metric") == metric }) else {
            return nil
        }
        var values: [String: Double] = [:]
        for name in table.header.dropFirst() { values[name] = table.number(row, name) }
        return values
    }

    /// The simulated horizon in years: the last year of `timeseries.csv`, else the resolved
    /// `region.time.horizon_years` from the manifest.
    public var horizonYears: Int? {
        if let table = timeSeries, let last = table.rows.map({ table.number($0, "year") }).filter(\.isFinite).max() {
            return Int(last)
        }
        if let text = manifest?.parameters["region.time.horizon_years"]?.value, let years = Double(text) {
            return Int(years)
        }
        return nil
    }

    /// The parameter columns of `sweep.csv` (between `point` and the first `metric.statistic`).
    public var sweepParameters: [String] {
        guard let header = sweep?.header else { return [] }
        let metricNames = Set(Metric.allCases.map(\.name))
        return header.dropFirst().prefix { column in
            guard let dot = column.lastIndex(of: ".") else { return true }
            return !metricNames.contains(String(column[..<dot]))
        }.map { $0 }
    }

    /// The parameters a sensitivity analysis varied: the columns of `sensitivity_samples.csv`
    /// between `point` and the outputs (else the parameters `sensitivity.csv` names).
    public var sensitivityParameters: [String] {
        if let header = sensitivitySamples?.header {
            let metricNames = Set(Metric.allCases.map(\.name))
            return header.dropFirst().filter { !metricNames.contains($0) }
        }
        guard let table = sensitivity else { return [] }
        var names: [String] = []
        for row in table.rows {
            let name = table.text(row, "parameter")
            if !name.contains(":"), !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
