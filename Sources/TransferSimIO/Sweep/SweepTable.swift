// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// `sweep.csv` (one row per design point: `point`, the parameter values, then
/// `<metric>.mean,<metric>.ci_low,<metric>.ci_high,<metric>.p05,<metric>.p50,<metric>.p95` for
/// each metric) and `sweep_long.csv` (`point,metric,stat,value`), rows sorted by point.
public enum SweepTable {
    public static let fileName = "sweep.csv"
    public static let longFileName = "sweep_long.csv"

    public static func header(paths: [String]) -> [String] {
        ["point"] + paths + Metric.allCases.flatMap { m in SweepRunner.statistics.map { "\(m.name).\($0)" } }
    }

    public static func csv(paths: [String], points: [[Double]], results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: header(paths: paths))
        for r in results.sorted(by: { $0.point < $1.point }) {
            table.append([.integer(r.point)] + points[r.point].map { .number($0) } + r.values.map { .number($0) })
        }
        return table.text
    }

    public static func longCSV(results: [SweepRunner.PointResult]) -> String {
        var table = CSVWriter(header: ["point", "metric", "stat", "value"])
        let k = SweepRunner.statistics.count
        for r in results.sorted(by: { $0.point < $1.point }) {
            for (mi, metric) in Metric.allCases.enumerated() {
                for (si, stat) in SweepRunner.statistics.enumerated() {
                    table.append([.integer(r.point), .text(metric.name), .text(stat), .number(r.values[mi * k + si])])
                }
            }
        }
        return table.text
    }
}
