// SPDX-License-Identifier: GPL-3.0-or-later

/// One line of `sensitivity.csv`: an index of one parameter (or pair) for one output.
public struct SensitivityRow: Sendable, Equatable {
    public let method: SensitivityMethod
    /// The metric's name (`local_conversion_share`).
    public let output: String
    /// The parameter's dotted path; for a second-order index, the two paths joined by `:`.
    public let parameter: String
    /// `S1`, `ST`, `S2` (Sobol); `mu_star`, `mu`, `sigma` (Morris); `low_delta`, `high_delta` (OAT).
    public let index: String
    public let estimate: SensitivityEstimate
}

/// A plan's indices from its points' results.
public enum SensitivityAnalysis {
    /// The rows for each output (outputs in the given order, parameters in design order), and one
    /// message per output that could not be analysed (e.g. undefined at some point).
    /// `results` must hold every point of the plan; `bootstrap` resamples per interval.
    public static func rows(_ plan: SensitivityPlan, results: [Int: SweepRunner.PointResult], outputs: [Metric],
                            trials: Int, bootstrap: Int, seed: UInt64) -> (rows: [SensitivityRow], problems: [String]) {
        var rows: [SensitivityRow] = [], problems: [String] = []
        let paths = plan.parameters.map(\.path)
        for (o, metric) in outputs.enumerated() {
            func add(_ index: String, _ estimates: [SensitivityEstimate]) {
                for (p, e) in zip(paths, estimates) {
                    rows.append(SensitivityRow(method: plan.method, output: metric.name, parameter: p, index: index, estimate: e))
                }
            }
            let means = plan.points.indices.map { results[$0]?.values[o] ?? .nan }
            do throws(SensitivityProblem) {
                switch plan.design {
                case let .sobol(sample):
                    let s = try SobolAnalysis.analyse(means, sample: sample, bootstrap: bootstrap, seed: seed)
                    add("S1", s.first)
                    add("ST", s.total)
                    for pair in s.second {
                        rows.append(SensitivityRow(method: .sobol, output: metric.name, parameter: paths[pair.i] + ":" + paths[pair.j],
                                                   index: "S2", estimate: pair.index))
                    }
                case let .morris(design):
                    let m = try MorrisAnalysis.analyse(means, design: design, bootstrap: bootstrap, seed: seed)
                    add("mu_star", m.muStar)
                    add("mu", m.mu)
                    add("sigma", m.sigma)
                case .oat:
                    let k = outputs.count
                    let perTrial = plan.points.indices.map { p in
                        (0..<trials).map { t in results[p]?.values[t * k + o] ?? .nan }
                    }
                    let bars = try OneAtATime.analyse(perTrial: perTrial)
                    add("low_delta", bars.map { SensitivityEstimate(estimate: $0.low.diff, low: $0.low.diffLow, high: $0.low.diffHigh) })
                    add("high_delta", bars.map { SensitivityEstimate(estimate: $0.high.diff, low: $0.high.diffLow, high: $0.high.diffHigh) })
                }
            } catch {
                problems.append("\(metric.name): \(error.description)")
            }
        }
        return (rows, problems)
    }

    /// The parameters of `rows` for one output ranked by importance: Sobol by `ST`, Morris by
    /// `mu_star`, OAT by the swing `|high_delta − low_delta|`, largest first.
    public static func ranking(_ rows: [SensitivityRow], output: String) -> [(parameter: String, score: Double)] {
        let mine = rows.filter { $0.output == output }
        var score: [String: Double] = [:], order: [String] = []
        for row in mine where row.index != "S2" {
            if score[row.parameter] == nil { order.append(row.parameter) }
            switch row.index {
            case "ST", "mu_star": score[row.parameter] = row.estimate.estimate
            case "low_delta": score[row.parameter, default: 0] -= row.estimate.estimate
            case "high_delta": score[row.parameter, default: 0] += row.estimate.estimate
            default: if score[row.parameter] == nil { score[row.parameter] = .nan }
            }
        }
        let ranked = order.map { ($0, abs(score[$0] ?? .nan)) }
        return ranked.sorted { a, b in
            if a.1.isNaN != b.1.isNaN { return !a.1.isNaN }
            return a.1 > b.1
        }
    }
}
