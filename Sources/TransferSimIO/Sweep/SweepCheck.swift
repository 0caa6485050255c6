// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// Targets on a sweep's table (`sweep --check`, and `check` on a sweep or merged folder): each
/// target is evaluated **per point** and passes only when it holds at every point in `sweep.csv`
/// (an undefined value fails). The outcome names the failing points and the worst value.
public enum SweepCheck {
    /// Each target's outcome on the table `sweepCSV` (as `SweepTable.csv` writes it).
    public static func evaluate(_ targets: [Target], sweepCSV: String) -> [ResultsCheck.Outcome] {
        let rows = CSVReader.rows(sweepCSV)
        guard let header = rows.first else { return [] }
        let points = rows.dropFirst()
        return targets.map { target in
            guard target.policy == nil, let column = header.firstIndex(of: target.key) else {
                return ResultsCheck.Outcome(target: target.description, value: nil, passed: false,
                                            message: "FAIL \(target): \(target.key) is not a column of \(SweepTable.fileName)")
            }
            var failed: [(point: String, value: Double)] = []
            var worst: Double?
            for row in points where column < row.count {
                let value = Double(row[column]) ?? .nan
                if !target.holds(value) { failed.append((row[0], value)) }
                if value.isNaN { continue }
                // The worst value: the one furthest on the failing side of the threshold.
                let lowIsBad = target.comparison == .atLeast || target.comparison == .greater
                if let w = worst { worst = lowIsBad ? min(w, value) : max(w, value) } else { worst = value }
            }
            let shown = worst.map(format) ?? "undefined"
            if failed.isEmpty {
                return ResultsCheck.Outcome(target: target.description, value: worst, passed: true,
                                            message: "pass \(target): at all \(points.count) points (worst \(shown))")
            }
            let list = failed.prefix(5).map { "point \($0.point) (\($0.value.isNaN ? "undefined" : format($0.value)))" }
                .joined(separator: ", ")
            return ResultsCheck.Outcome(target: target.description, value: worst, passed: false,
                                        message: "FAIL \(target): fails at \(failed.count) of \(points.count) points: \(list)\(failed.count > 5 ? ", …" : "")")
        }
    }
}
