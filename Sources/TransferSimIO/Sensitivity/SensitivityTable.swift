// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The tables of a sensitivity analysis.
///
/// - `sensitivity.csv`: `method,output,parameter,index,estimate,ci_low,ci_high`, one row per index
///   (see `SensitivityRow`), outputs in the spec's order, then indices, then parameters in the
///   spec's order; second-order rows name the pair `a:b`.
/// - `sensitivity_samples.csv`: one row per model evaluation, in design order: `point`, the
///   parameter values (columns named by dotted path), then the outputs (columns named by metric,
///   each the mean over the evaluation's trials). For Sobol the rows are in SALib's Saltelli
///   order and for Morris trajectory-major, so `Y = df[outputs]` can go straight to SALib.
/// - `sensitivity_trials.csv` (OAT only): `point,trial` and each output's value on that trial, the
///   paired values behind the tornado's intervals.
public enum SensitivityTable {
    public static let fileName = "sensitivity.csv"
    public static let samplesFileName = "sensitivity_samples.csv"
    public static let trialsFileName = "sensitivity_trials.csv"
    public static let header = ["method", "output", "parameter", "index", "estimate", "ci_low", "ci_high"]

    public static func csv(_ rows: [SensitivityRow]) -> String {
        var table = CSVWriter(header: header)
        for row in rows {
            table.append([.text(row.method.rawValue), .text(row.output), .text(row.parameter), .text(row.index),
                          .number(row.estimate.estimate), .number(row.estimate.low), .number(row.estimate.high)])
        }
        return table.text
    }

    /// The means of each output at a point, from its result (`trials` values per output for OAT).
    static func means(_ result: SweepRunner.PointResult, method: SensitivityMethod, outputs: Int, trials: Int) -> [Double] {
        guard method == .oat else { return result.values }
        return (0..<outputs).map { o in Summary((0..<trials).map { result.values[$0 * outputs + o] }).mean }
    }

    /// `sensitivity_samples.csv` for the points in `results` (all, or a shard's), sorted by point.
    public static func samplesCSV(_ plan: SensitivityPlan, outputs: [Metric], trials: Int,
                                  results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: ["point"] + plan.parameters.map(\.path) + outputs.map(\.name))
        for r in results.sorted(by: { $0.point < $1.point }) {
            let means = Self.means(r, method: plan.method, outputs: outputs.count, trials: trials)
            table.append([.integer(r.point)] + plan.points[r.point].map { .number($0) } + means.map { .number($0) })
        }
        return table.text
    }

    /// `sensitivity_trials.csv` (OAT): every trial's outputs, rows by point then trial.
    public static func trialsCSV(outputs: [Metric], trials: Int, results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: ["point", "trial"] + outputs.map(\.name))
        for r in results.sorted(by: { $0.point < $1.point }) {
            for t in 0..<trials {
                table.append([.integer(r.point), .integer(t)]
                    + (0..<outputs.count).map { .number(r.values[t * outputs.count + $0]) })
            }
        }
        return table.text
    }

    /// The points' results read back from (merged) tables, as `SensitivityPlan.evaluate` gives
    /// them: from the samples' output columns, or for OAT from `trialsCSV`. Numbers are written
    /// in shortest round-trip form, so they read back to the same `Double`s.
    public static func results(samplesCSV: String, trialsCSV: String?, method: SensitivityMethod, outputs: [Metric],
                               trials: Int) -> [Int: SweepRunner.PointResult] {
        func number(_ cell: String) -> Double { cell.isEmpty ? .nan : Double(cell) ?? .nan }
        var values: [Int: [Double]] = [:]
        if method == .oat, let trialsCSV {
            for row in CSVReader.rows(trialsCSV).dropFirst() where row.count == outputs.count + 2 {
                guard let point = Int(row[0]) else { continue }
                values[point, default: []] += row.dropFirst(2).map(number)
            }
        } else {
            for row in CSVReader.rows(samplesCSV).dropFirst() where row.count > outputs.count {
                guard let point = Int(row[0]) else { continue }
                values[point] = row.suffix(outputs.count).map(number)
            }
        }
        return values.reduce(into: [:]) { $0[$1.key] = SweepRunner.PointResult(point: $1.key, values: $1.value) }
    }

    /// A readable ranking per output: parameters by importance (Sobol `ST`, Morris `mu_star`, OAT
    /// swing), with the method's main indices and their 95 % intervals.
    public static func ranking(_ rows: [SensitivityRow], outputs: [Metric]) -> String {
        var text = ""
        for metric in outputs {
            let mine = rows.filter { $0.output == metric.name }
            guard let method = mine.first?.method else { continue }
            let shown: [String] = switch method {
            case .sobol: ["S1", "ST"]
            case .morris: ["mu_star", "sigma"]
            case .oat: ["low_delta", "high_delta"]
            }
            text += "\n\(metric.name)\(metric.info.unit.isEmpty ? "" : " (\(metric.info.unit))") — \(method.rawValue), ranked by \(method == .oat ? "swing |high − low|" : shown[1] == "ST" ? "total index ST" : "μ*"):\n"
            var table = TextTable([.right, .left] + shown.map { _ in TextTable.Alignment.right })
            table.append(["#", "parameter"] + shown.map { "\($0) [95 % interval]" })
            for (rank, entry) in SensitivityAnalysis.ranking(rows, output: metric.name).enumerated() {
                let cells = shown.map { index -> String in
                    guard let e = mine.first(where: { $0.parameter == entry.parameter && $0.index == index })?.estimate else { return "" }
                    return "\(readable(e.estimate)) [\(readable(e.low)), \(readable(e.high))]"
                }
                table.append([String(rank + 1), entry.parameter] + cells)
            }
            text += table.text
        }
        return text
    }

    /// Three significant digits, or `undefined`.
    static func readable(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "undefined" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.2e", x) }
        let digits = max(0, 2 - Int(log10(magnitude).rounded(.down)))
        return String(format: "%.\(digits)f", x)
    }
}
