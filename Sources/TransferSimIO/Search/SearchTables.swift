// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The tables of `transfersim optimise`.
///
/// `evaluations.csv`: every distinct candidate evaluated, in evaluation order:
/// `evaluation`, each lever's path, each objective's statistic, each constraint's measured value
/// (named `P(metric >= x)` for a probability, else by its statistic, e.g. `converted_local.p20`),
/// `violation` (the summed shortfall, see `ChanceConstraint.violation`), `feasible` (1/0).
///
/// `front.csv` (several objectives: the Pareto front; one objective: the best candidate): one row
/// per package, `package`, the levers, then the objectives, constraint values, `violation` and
/// `feasible` on the search trials, then the same columns suffixed `.fresh` from the re-run on
/// fresh trials (a disjoint trial range), so the optimism of the selection (the winner's curse)
/// shows as the difference.
public enum SearchTables {
    public static let evaluationsFileName = "evaluations.csv"
    public static let frontFileName = "front.csv"

    static func measureColumns(_ goal: SearchGoal) -> [String] {
        goal.objectives.map(\.statistic.description) + goal.constraints.map(\.measuredName) + ["violation", "feasible"]
    }

    static func measureCells(_ goal: SearchGoal, _ measures: [Double]) -> [CSVCell] {
        let score = goal.score(measures)
        return measures.map { .number($0) } + [.number(score.violation), .integer(score.isFeasible ? 1 : 0)]
    }

    public static func evaluationsCSV(levers: [DecisionLever], goal: SearchGoal, evaluations: [(levers: [Double], measures: [Double])]) -> String {
        var table = CSVWriter(header: ["evaluation"] + levers.map(\.path) + measureColumns(goal))
        for (i, e) in evaluations.enumerated() {
            table.append([.integer(i)] + e.levers.map { .number($0) } + measureCells(goal, e.measures))
        }
        return table.text
    }

    public static func frontCSV(levers: [DecisionLever], goal: SearchGoal,
                                packages: [(levers: [Double], search: [Double], fresh: [Double])]) -> String {
        let columns = measureColumns(goal)
        var table = CSVWriter(header: ["package"] + levers.map(\.path) + columns + columns.map { $0 + ".fresh" })
        for (i, p) in packages.enumerated() {
            table.append([.integer(i + 1)] + p.levers.map { .number($0) } + measureCells(goal, p.search) + measureCells(goal, p.fresh))
        }
        return table.text
    }
}

/// The tables and words of `transfersim discover`.
///
/// `boxes.csv`: the peeling (and pasting) trajectory, one row per box: `box` (0 = every point),
/// `phase` (`peel` or `paste`), `coverage`, `density`, `mass`, `rows`, `restricted` (the
/// restricted dimensions' names joined by `;`), then `<dimension>.low,<dimension>.high` for every
/// dimension (the table's range where unrestricted).
public enum DiscoveryTables {
    public static let boxesFileName = "boxes.csv"

    public static func boxesCSV(dimensions: [String], boxes: [PRIM.Box]) -> String {
        var table = CSVWriter(header: ["box", "phase", "coverage", "density", "mass", "rows", "restricted"]
                              + dimensions.flatMap { [$0 + ".low", $0 + ".high"] })
        for (i, b) in boxes.enumerated() {
            table.append([.integer(i), .text(b.pasted ? "paste" : "peel"), .number(b.coverage), .number(b.density),
                          .number(b.mass), .integer(b.rows), .text(b.restricted.map { dimensions[$0] }.joined(separator: ";"))]
                         + zip(b.lower, b.upper).flatMap { [CSVCell.number($0), .number($1)] })
        }
        return table.text
    }

    /// A box's limits in plain words, in English and Chinese, e.g. "The target is missed when
    /// policy.land.annual_quota_mu is below 120 and … (coverage 85 %, density 92 %)."
    public static func describe(_ box: PRIM.Box, index: Int, dimensions: [String], lowest: [Double], highest: [Double],
                                condition: (english: String, chinese: String),
                                rows: (english: String, chinese: String) = ("points", "个点")) -> (english: String, chinese: String) {
        var en: [String] = [], zh: [String] = []
        for j in box.restricted {
            var name = dimensions[j]
            var zhName: String
            if name.hasPrefix(DrawLayout.prefix) {
                // A value drawn per trial: named by its parameter.
                let path = String(name.dropFirst(DrawLayout.prefix.count))
                name = "the drawn \(path)"
                zhName = "抽样的 \(path)"
            } else {
                let label = MetricLabel(name, language: .zh).label
                zhName = label == name.replacingOccurrences(of: "_", with: " ") ? name : label
            }
            let lowered = box.lower[j] > lowest[j], raised = box.upper[j] < highest[j]
            let lo = format(significant(box.lower[j])), hi = format(significant(box.upper[j]))
            if lowered && raised {
                en.append("\(name) is between \(lo) and \(hi)")
                zh.append("\(zhName) 介于 \(lo) 与 \(hi) 之间")
            } else if raised {
                en.append("\(name) is at most \(hi)")
                zh.append("\(zhName) 不高于 \(hi)")
            } else {
                en.append("\(name) is at least \(lo)")
                zh.append("\(zhName) 不低于 \(lo)")
            }
        }
        let cov = format((box.coverage * 1000).rounded() / 10), den = format((box.density * 1000).rounded() / 10)
        if en.isEmpty {
            return ("Box \(index) restricts nothing: it holds all \(box.rows) \(rows.english) (density \(den) %).",
                    "第 \(index) 个框未限制任何参数，即全部 \(box.rows) \(rows.chinese)（密度 \(den) %）。")
        }
        return ("Box \(index): \(condition.english) when " + en.joined(separator: " and ")
                    + " (coverage \(cov) %: that share of all such \(rows.english) lies in the box; density \(den) %: that share of the box's \(rows.english) meets the condition; \(box.rows) \(rows.english)).",
                "第 \(index) 个框：当 " + zh.joined(separator: "，且 ") + "时，\(condition.chinese)（覆盖率 \(cov) %：此类情形中落在框内的比例；密度 \(den) %：框内满足该条件的比例；共 \(box.rows) \(rows.chinese)）。")
    }

    /// Four significant digits, for limits in words.
    static func significant(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let digits = 4 - Int((log10(abs(x))).rounded(.down)) - 1
        let scale = pow(10.0, Double(digits))
        return (x * scale).rounded() / scale
    }
}
