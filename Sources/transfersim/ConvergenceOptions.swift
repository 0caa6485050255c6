// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimCore
import TransferSimIO

/// `--until-ci WIDTH [--metric NAME]...`: run until precise enough, with `--trials` as the cap.
struct ConvergenceOptions: ParsableArguments {
    @Option(
        name: .customLong("until-ci"),
        help: ArgumentHelp(
            """
            Add trials in fixed batches of \(ConvergenceRule.batchSize) until the 95 % confidence interval of every \
            watched metric has at most this half-width (in the metric's own unit; for compare, of the paired \
            difference from the baseline), or --trials is reached. The same arguments stop at the same trial.
            """,
            valueName: "width"))
    var untilCI: Double?

    @Option(
        name: .customLong("metric"),
        help: ArgumentHelp(
            "A metric to watch with --until-ci (repeatable; default: conversion_share, local_conversion_share, outflow_share).",
            valueName: "name"))
    var metricNames: [String] = []

    mutating func validate() throws {
        if let untilCI, !(untilCI > 0 && untilCI.isFinite) {
            throw ValidationError("--until-ci must be a positive number (got \(untilCI))")
        }
        if untilCI == nil && !metricNames.isEmpty { throw ValidationError("--metric is only used with --until-ci") }
        for name in metricNames where Metric(name: name) == nil {
            var message = "unknown metric '\(name)'"
            if let guess = closestMatch(to: name, among: Metric.allCases.map(\.name)) { message += "; did you mean '\(guess)'?" }
            throw ValidationError(message)
        }
    }

    /// The stopping rule, or nil without `--until-ci`.
    func rule(cap: Int) -> ConvergenceRule? {
        untilCI.map { ConvergenceRule(halfWidth: $0, metrics: metricNames.compactMap(Metric.init(name:)), cap: cap) }
    }

    /// One line saying whether the rule was met, for the report.
    static func outcome(_ rule: ConvergenceRule, results: [RunResult], converged: Bool) -> String {
        let widest = rule.widestHalfWidth(results)
        let trials = ReadableNumber.count(results.first?.trials ?? 0)
        return converged
            ? "Converged after \(trials) trials: widest 95 % half-width \(format(widest)) ≤ \(format(rule.halfWidth))."
            : "Not converged: the cap of \(trials) trials was reached with a widest 95 % half-width of \(format(widest)) > \(format(rule.halfWidth))."
    }
}

/// The policies of one command, run on the same trial indices (common random numbers): in batches
/// until the watched paired differences are precise enough when `--until-ci` is given, otherwise
/// `--trials` each, with one progress line over all of them (on a terminal). `compare`, `levers`
/// and `optimise` share it.
struct PolicyRuns {
    let results: [RunResult]
    /// The convergence outcome's line for the summary (`--until-ci` only).
    let convergenceLine: String?

    /// `firstTrial` moves the trial range (fresh trials for re-evaluating a search's answer);
    /// `--until-ci` always starts at trial 0.
    init(_ resolved: [ResolvedParameters], simulation: SimulationOptions, convergence: ConvergenceOptions, firstTrial: Int = 0) {
        let threads = simulation.threadCount
        let configuration = RunConfiguration(trials: simulation.trials, seed: simulation.seed, threads: threads,
                                             firstTrial: firstTrial)
        let progress = ProgressLine(total: simulation.trials * resolved.count)
        var results: [RunResult] = []
        var convergenceLine: String?
        if let rule = convergence.rule(cap: simulation.trials) {
            var onProgress: (@Sendable (Int) -> Void)?
            if let progress {
                let policies = resolved.count
                onProgress = { done in progress.update(done: done * policies) }
            }
            let outcome = rule.run(resolved, seed: simulation.seed, threads: threads, progress: onProgress)
            results = outcome.results
            convergenceLine = ConvergenceOptions.outcome(rule, results: outcome.results, converged: outcome.converged)
        } else {
            for (index, parameters) in resolved.enumerated() {
                var onProgress: (@Sendable (Int) -> Void)?
                if let progress {
                    let offset = index * simulation.trials
                    onProgress = { done in progress.update(done: offset + done) }
                }
                results.append(Simulation.run(parameters, configuration, progress: onProgress))
            }
        }
        progress?.finish()
        self.results = results
        self.convergenceLine = convergenceLine
    }
}
