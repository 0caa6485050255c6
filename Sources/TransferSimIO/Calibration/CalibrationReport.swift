// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// What `calibrate` prints: the prior → posterior table, the predictive check, and the warnings a
/// careful analyst expects.
public enum CalibrationReport {
    public static func text(summaries: [CalibrationTables.ParameterSummary], checks: [CalibrationTables.PredictiveCheck],
                            outcome: CalibrationOutcome, prior: CalibrationPrior) -> String {
        let posterior = outcome.posterior
        var lines = ["Calibration (校准): \(outcome.populations.count) generations, \(outcome.simulations) simulations, "
                     + "final tolerance \(format(rounded(posterior.epsilon))), ESS \(Int(posterior.effectiveSize.rounded())); "
                     + "stopped because \(outcome.stopReason).", ""]
        var table = TextTable([.left, .right, .right, .right, .right, .right])
        table.append(["parameter 参数", "prior mean", "prior 90 %", "posterior mean", "posterior 90 %", "sd ratio"])
        for s in summaries {
            table.append([s.path, number(s.prior[0]), "\(number(s.prior[2]))–\(number(s.prior[4]))", number(s.posterior[0]),
                          "\(number(s.posterior[2]))–\(number(s.posterior[4]))", String(format2(s.sdRatio))])
        }
        lines.append(table.text)
        var check = TextTable([.left, .right, .right, .right, .left])
        check.append(["figure 观测值", "observed", "predictive mean", "predictive 90 %", "inside"])
        for c in checks {
            check.append([c.figure.name, number(c.figure.value), number(c.mean), "\(number(c.p05))–\(number(c.p95))",
                          c.inside ? "yes" : "NO"])
        }
        lines.append(check.text)
        return lines.joined(separator: "\n")
    }

    /// Parameters not identified, figures the predictive check misses, a collapsed acceptance rate
    /// (`CalibrationDiagnostics`, in English).
    public static func warnings(summaries: [CalibrationTables.ParameterSummary], checks: [CalibrationTables.PredictiveCheck],
                                outcome: CalibrationOutcome) -> [String] {
        let generations = (outcome.populations + (outcome.collapsedGeneration.map { [$0] } ?? [])).map {
            CalibrationDiagnostics.Generation(generation: $0.generation, tolerance: $0.epsilon,
                                              acceptanceRate: $0.acceptanceRate, complete: $0.complete)
        }
        return CalibrationDiagnostics.warnings(
            parameters: summaries.map { ($0.path, $0.sdRatio) },
            figures: checks.map { ($0.figure.name, $0.figure.value, $0.p05, $0.p95) },
            generations: generations
        ).map(\.english)
    }

    static func rounded(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : x }

    static func format2(_ x: Double) -> String { format((x * 100).rounded() / 100) }

    /// Four significant digits, thousands as in the run summary.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : format(x) }
        let magnitude = abs(x)
        if magnitude >= 1000 { return format(x.rounded()) }
        let digits = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
        let scale = pow(10, Double(digits))
        return format((x * scale).rounded() / scale)
    }
}

/// One diagnostic of a calibration, in English and in Chinese.
public struct CalibrationWarning: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The posterior is no narrower than the prior (sd ratio ≥ 0.9).
        case notIdentified
        /// An observed figure lies outside its posterior predictive 90 % interval.
        case predictiveMiss
        /// A generation could not be completed: the posterior is the generation before.
        case collapsed
        /// The last generation accepted under 1 % of its simulations.
        case lowAcceptance
    }
    public let kind: Kind
    public let english: String
    public let chinese: String
}

/// The warnings a careful analyst expects of a calibration, from the numbers its tables hold, so
/// that `calibrate` (from its outcome) and `report` (from the folder's CSV files) say the same.
public enum CalibrationDiagnostics {
    /// One generation as `generations.csv` records it.
    public struct Generation: Sendable {
        public let generation: Int
        public let tolerance: Double
        public let acceptanceRate: Double
        public let complete: Bool

        public init(generation: Int, tolerance: Double, acceptanceRate: Double, complete: Bool) {
            self.generation = generation
            self.tolerance = tolerance
            self.acceptanceRate = acceptanceRate
            self.complete = complete
        }
    }

    /// The share of the last generation's simulations below which acceptance is said to have fallen.
    public static let lowAcceptance = 0.01

    /// `parameters`: each fitted parameter's path and posterior sd / prior sd; `figures`: each
    /// observed figure's name, value and predictive 5 % and 95 % points; `generations`: every
    /// generation in order, a collapsed one last.
    public static func warnings(parameters: [(path: String, sdRatio: Double)],
                                figures: [(name: String, observed: Double, p05: Double, p95: Double)],
                                generations: [Generation]) -> [CalibrationWarning] {
        typealias R = CalibrationReport
        var out: [CalibrationWarning] = []
        for p in parameters where !(p.sdRatio < CalibrationTables.identificationRatio) {
            out.append(CalibrationWarning(
                kind: .notIdentified,
                english: "\(p.path): the posterior is no narrower than the prior (sd ratio \(R.format2(p.sdRatio))): these observations do not identify it (未被识别)",
                chinese: "\(p.path)：后验不比先验窄（标准差之比 \(R.format2(p.sdRatio))）：这些观测值无法识别该参数"))
        }
        for f in figures where !(f.observed >= f.p05 && f.observed <= f.p95) {
            out.append(CalibrationWarning(
                kind: .predictiveMiss,
                english: "figure '\(f.name)': the observed \(R.number(f.observed)) lies outside the posterior predictive 90 % interval \(R.number(f.p05))–\(R.number(f.p95)): the model cannot reproduce it with these priors",
                chinese: "观测值“\(f.name)”：观测到的 \(R.number(f.observed)) 落在后验预测 90% 区间 \(R.number(f.p05))–\(R.number(f.p95)) 之外：在这些先验下模型无法再现它"))
        }
        if let collapsed = generations.last(where: { !$0.complete }) {
            let g = collapsed.generation
            out.append(CalibrationWarning(
                kind: .collapsed,
                english: "the acceptance rate collapsed in generation \(g): a particle found no simulation within tolerance \(format(R.rounded(collapsed.tolerance))) in its attempts; the posterior is generation \(g - 1)'s",
                chinese: "接受率崩溃：第 \(g) 代有粒子在尝试上限内找不到距离不超过 \(format(R.rounded(collapsed.tolerance))) 的模拟；后验取第 \(g - 1) 代"))
        } else if generations.count > 1, let last = generations.last, last.acceptanceRate < lowAcceptance {
            let rate = R.format2(100 * last.acceptanceRate)
            out.append(CalibrationWarning(
                kind: .lowAcceptance,
                english: "the acceptance rate fell to \(rate) % in the last generation: further generations would cost much for little",
                chinese: "最后一代接受率降至 \(rate)%：继续增加代数代价高而收益小"))
        }
        return out
    }
}
