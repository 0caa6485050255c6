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

    /// Parameters not identified, figures the predictive check misses, a collapsed acceptance rate.
    public static func warnings(summaries: [CalibrationTables.ParameterSummary], checks: [CalibrationTables.PredictiveCheck],
                                outcome: CalibrationOutcome) -> [String] {
        var out: [String] = []
        for s in summaries where !s.identified {
            out.append("\(s.path): the posterior is no narrower than the prior (sd ratio \(format2(s.sdRatio))): these observations do not identify it (未被识别)")
        }
        for c in checks where !c.inside {
            out.append("figure '\(c.figure.name)': the observed \(number(c.figure.value)) lies outside the posterior predictive 90 % interval \(number(c.p05))–\(number(c.p95)): the model cannot reproduce it with these priors")
        }
        if outcome.collapsed {
            out.append("the acceptance rate collapsed in generation \(outcome.collapsedGeneration?.generation ?? 0): \(outcome.stopReason)")
        } else if outcome.populations.count > 1, outcome.posterior.acceptanceRate < 0.01 {
            out.append("the acceptance rate fell to \(format2(100 * outcome.posterior.acceptanceRate)) % in the last generation: further generations would cost much for little")
        }
        return out
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
