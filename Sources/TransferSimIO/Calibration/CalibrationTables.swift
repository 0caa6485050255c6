// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The tables and the calibrated scenario a calibration writes.
public enum CalibrationTables {
    public static let posteriorFile = "posterior.csv"
    public static let priorFile = "prior.csv"
    public static let calibrationFile = "calibration.csv"
    public static let predictiveFile = "predictive.csv"
    public static let generationsFile = "generations.csv"
    public static let scenarioFile = "calibrated.yaml"

    /// A parameter whose posterior sd is at least this share of its prior sd is flagged as not
    /// identified by the observations.
    public static let identificationRatio = 0.9

    /// `posterior.csv`: one row per particle of the final generation — `particle,weight`, each
    /// parameter's value (the particle's, unrounded), `distance`. Weights are normalised. The file
    /// is also the calibrated scenario's joint sample. `prior.csv` is the same table of generation 0
    /// (the prior draws, equal weights), which the report draws the prior from.
    public static func posteriorCSV(_ prior: CalibrationPrior, _ population: Population) -> String {
        var table = CSVWriter(header: ["particle", "weight"] + prior.parameters.map(\.path) + ["distance"])
        for (i, p) in population.particles.enumerated() {
            table.append([.integer(i), .number(population.weights[i])] + p.theta.map { .number($0) } + [.number(p.distance)])
        }
        return table.text
    }

    /// One parameter's prior and posterior summaries.
    public struct ParameterSummary: Sendable {
        public let path: String
        public let prior: [Double]       // mean, sd, p05, p50, p95
        public let posterior: [Double]
        /// posterior sd / prior sd.
        public var sdRatio: Double { posterior[1] / prior[1] }
        public var identified: Bool { sdRatio < identificationRatio }
    }

    static func summary(_ x: [Double], _ w: [Double]) -> [Double] {
        [WeightedSample.mean(x, w), WeightedSample.sd(x, w), WeightedSample.quantile(x, w, 0.05),
         WeightedSample.quantile(x, w, 0.5), WeightedSample.quantile(x, w, 0.95)]
    }

    /// Prior summaries come from generation 0 (prior draws, equal weights), posterior ones from the
    /// final generation's weighted particles.
    public static func summaries(_ prior: CalibrationPrior, priorSample: Population, posterior: Population) -> [ParameterSummary] {
        prior.parameters.indices.map { k in
            ParameterSummary(path: prior.parameters[k].path,
                             prior: summary(priorSample.values(k), priorSample.weights),
                             posterior: summary(posterior.values(k), posterior.weights))
        }
    }

    /// `calibration.csv`: each parameter's prior and posterior mean, sd, 5/50/95 %, the ratio of
    /// posterior to prior sd, and whether the observations identify it (ratio below 0.9).
    public static func calibrationCSV(_ summaries: [ParameterSummary], _ prior: CalibrationPrior) -> String {
        let stats = ["mean", "sd", "p05", "p50", "p95"]
        var table = CSVWriter(header: ["parameter", "prior"] + stats.map { "prior_" + $0 } + stats.map { "posterior_" + $0 }
                              + ["sd_ratio", "identified"])
        for (s, p) in zip(summaries, prior.parameters) {
            table.append([.text(s.path), .text(ParameterValue.distribution(p.prior).description(kind: .number(p.range)))]
                         + s.prior.map { .number($0) } + s.posterior.map { .number($0) }
                         + [.number(s.sdRatio), .text(s.identified ? "yes" : "no")])
        }
        return table.text
    }

    /// One observed figure against the posterior predictive.
    public struct PredictiveCheck: Sendable {
        public let figure: ObservedFigure
        public let mean, p05, p95: Double
        public var inside: Bool { figure.value >= p05 && figure.value <= p95 }
    }

    public static func predictiveChecks(_ figures: [ObservedFigure], predictive: [[Double]], weights: [Double]) -> [PredictiveCheck] {
        figures.indices.map { k in
            let x = predictive.map { $0[k] }
            // Undefined simulated figures (NaN) are left out, their weight with them.
            let kept = x.indices.filter { !x[$0].isNaN }
            let xs = kept.map { x[$0] }, ws = WeightedSample.normalised(kept.map { weights[$0] })
            return PredictiveCheck(figure: figures[k], mean: WeightedSample.mean(xs, ws),
                                   p05: WeightedSample.quantile(xs, ws, 0.05), p95: WeightedSample.quantile(xs, ws, 0.95))
        }
    }

    /// `predictive.csv`: each observed figure beside the posterior predictive mean and 90 % interval
    /// (one fresh simulation per final particle, weighted), and whether it falls inside.
    public static func predictiveCSV(_ checks: [PredictiveCheck]) -> String {
        var table = CSVWriter(header: ["figure", "label", "quantity", "observed", "uncertainty", "predictive_mean",
                                       "predictive_p05", "predictive_p95", "inside", "source"])
        for c in checks {
            table.append([.text(c.figure.name), .text(c.figure.label), .text(c.figure.quantity.description),
                          .number(c.figure.value), .number(c.figure.uncertainty), .number(c.mean), .number(c.p05),
                          .number(c.p95), .text(c.inside ? "yes" : "no"), .text(c.figure.source)])
        }
        return table.text
    }

    /// `generations.csv`: the tolerance schedule and how each generation went; `complete` is `no`
    /// for a generation that collapsed (a particle found no simulation within its tolerance in its
    /// attempts: the posterior is the generation before).
    public static func generationsCSV(_ populations: [Population]) -> String {
        var table = CSVWriter(header: ["generation", "tolerance", "particles", "simulations", "acceptance_rate", "ess",
                                       "complete"])
        for p in populations {
            table.append([.integer(p.generation), .number(p.epsilon), .integer(p.particles.count), .integer(p.simulations),
                          .number(p.acceptanceRate), .number(p.effectiveSize), .text(p.complete ? "yes" : "no")])
        }
        return table.text
    }

    /// The input scenario's text with its fitted parameters drawn from the posterior: a `joint:`
    /// section naming `sampleFile` (posterior.csv beside it) and the fitted parameters is appended,
    /// which replaces what the text sets for them; the name gains "(calibrated, 已校准)".
    public static func calibratedScenario(text: String, paths: [String], sampleFile: String, note: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.firstIndex(where: { $0.hasPrefix("name:") }) {
            let value = lines[i].dropFirst("name:".count).trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), let close = value.dropFirst().firstIndex(of: "\"") {
                let inner = value[value.index(after: value.startIndex)..<close]
                lines[i] = "name: \"\(inner), calibrated (已校准)\""
            } else if !value.isEmpty, !value.hasPrefix("'"), !value.contains("#") {
                lines[i] = "name: \"\(value.replacingOccurrences(of: "\"", with: "\\\"")), calibrated (已校准)\""
            }
        }
        var out = lines.joined(separator: "\n")
        if !out.hasSuffix("\n") { out += "\n" }
        out += "\n# Calibrated by `transfersim calibrate` (docs/calibration.md). \(note)\n"
        out += "# The parameters below are drawn together, one weighted row of \(sampleFile) per trial,\n"
        out += "# keeping their posterior correlations; this replaces what the file sets for them above.\n"
        out += "joint:\n  - file: \(sampleFile)\n    parameters:\n"
        for p in paths { out += "      - \(p)\n" }
        return out
    }
}

