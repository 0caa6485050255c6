// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim run`: runs one policy set of a scenario and writes its tables.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's Monte Carlo trials; print a summary and write the result tables.",
        discussion: """
            Prints the key metrics (mean and 90 % interval, p05–p95, over trials, with units) \
            and writes the tables below into the output folder, all at once after the run:

              summary.csv     each metric: n, mean, sd, se, 95 % confidence interval
                              of the mean, percentiles p05–p95, min, max
              trials.csv      each trial's drawn values (draw:PATH, for parameters given
                              as distributions) and metrics, one row per trial
              timeseries.csv  yearly flows by simulated year: mean, p05, p25, p50, p75, p95
              funnel.csv      results entering, passing and leaving each stage
              metrics.csv     data dictionary: metric,unit,label_en,label_zh,
                              description,better for every metric named
              manifest.json   provenance: command and arguments, version, scenario
                              SHA-256, seed, trials, threads, times, resolved parameters
                              with origins, and each file's size and SHA-256

            The folder is written whole: into a hidden sibling folder, each file flushed to \
            disk, then renamed into place, so --out holds a complete folder or nothing. An \
            earlier results folder at --out (one with TransferSim's manifest.json) is replaced \
            whole, never mixed with this run; a folder holding anything else, a file, a \
            symbolic link or a device is refused (exit 73), an empty --out or the scenario \
            itself too (exit 64). manifest.json lists every file with its size and SHA-256; \
            check, report, plot and merge refuse a folder that does not match it (exit 65).

            Money is in 万元 (CNY 10,000), land in 亩, time in months. The tables are \
            byte-identical for the same scenario, policy, seed and trial count, whatever the \
            number of threads. On any error nothing is written. A progress line appears on \
            standard error when it is a terminal. With --fund-flows the run works in OUT.in-progress \
            and writes fund_flows.csv there as the trials finish (bounded memory).

            --shard K/N runs only the trials ⌊(K−1)·T/N⌋ to ⌊K·T/N⌋ − 1 and writes a shard folder \
            (trial_data.csv: every value of each trial; with --fund-flows its fund_flows.csv rows); \
            `transfersim merge` combines the N shard folders into exactly the folder an unsharded \
            run writes. A killed shard continues with --resume (docs/sweeps.md).
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The scenario file (YAML). Without it, the bundled default scenario (Scenarios/default.yaml) runs.",
            valueName: "scenario"))
    var scenario: String?

    @Option(help: ArgumentHelp("The policy set: 'baseline' or one of the scenario's variants.", valueName: "name"))
    var policy: String = "baseline"

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var convergence: ConvergenceOptions

    @OptionGroup var output: ResultsOptions

    @OptionGroup var workbook: WorkbookOption
    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Print the summary as JSON (key statistics of every metric) instead of a table.")
    var json = false

    @Flag(name: .customLong("fund-flows"),
          help: ArgumentHelp(
            "Also write fund_flows.csv: every trial's monthly flows per fund and LP class (trial, fund, lp_class, month, contribution, distribution, nav), to audit any fund metric.",
            discussion: "About 3 × 12 × horizon years rows per fund and trial: 1,000 trials of one fund over 10 years give about 360,000 rows."))
    var fundFlows = false

    func validate() throws {
        if fundFlows && convergence.rule(cap: simulation.trials) != nil {
            throw ValidationError("--fund-flows cannot be combined with --until-ci: give a fixed --trials")
        }
        try sharding.validate(convergence: convergence, trials: simulation.trials)
        if sharding.shard != nil && output.check { throw ValidationError("--check needs every trial: check the merged folder instead") }
    }

    func run() throws {
        let startTime = Date()
        let out = output.out, check = output.check
        let source = ScenarioSource(path: scenario)
        let loaded = try CommandSupport.load(source) { _ in [policy] }
        let resolved = loaded.resolved[0]
        func manifest(trials: Int) -> Manifest {
            Manifest(
                toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
                scenarioName: loaded.scenario.name, scenarioFile: source.file, scenarioSHA256: loaded.sha256,
                policy: resolved.policyName, seed: simulation.seed, trials: trials, threads: simulation.threadCount,
                startTime: startTime, endTime: Date(), commandLine: CommandLine.arguments,
                parameters: Manifest.parameters(of: resolved),
                targets: loaded.scenario.targets.isEmpty ? nil : loaded.scenario.targets.map(\.target.description))
        }
        if sharding.shard != nil {
            return try sharding.run(command: "run", policies: [resolved], loaded: (loaded.scenario, loaded.sha256), source: source,
                                    simulation: simulation, options: fundFlows ? ["--fund-flows"] : [], fundFlows: fundFlows,
                                    out: out, inputs: scenario.map { [$0] } ?? [], json: json, manifest: manifest(trials:))
        }
        var folder = try CommandSupport.writableFolder(out, command: "run", inputs: scenario.map { [$0] } ?? [])
        try workbook.preflight()

        let threads = simulation.threadCount
        let configuration = RunConfiguration(trials: simulation.trials, seed: simulation.seed, threads: threads,
                                             fundFlows: fundFlows)
        let progress = ProgressLine(total: simulation.trials)
        let clock = ContinuousClock()
        let simulationStart = clock.now
        var onProgress: (@Sendable (Int) -> Void)?
        if let progress { onProgress = { done in progress.update(done: done) } }
        var result: RunResult
        var convergenceLine: String?
        var converged: Bool?
        var flows: StreamedFile?
        if let rule = convergence.rule(cap: simulation.trials) {
            let outcome = rule.run([resolved], seed: simulation.seed, threads: threads, progress: onProgress)
            result = outcome.results[0]
            converged = outcome.converged
            convergenceLine = ConvergenceOptions.outcome(rule, results: outcome.results, converged: outcome.converged)
        } else if fundFlows {
            // The monthly flows go to disk block by block as trials finish.
            do throws(OutputError) {
                (result, flows) = try TrialSession.streamingFlows(resolved, configuration, working: OutputFolder.workingFolder(for: out),
                                                                   progress: onProgress)
            } catch {
                throw Diagnostics.report(error)
            }
        } else {
            result = Simulation.run(resolved, configuration, progress: onProgress)
        }
        let elapsed = clock.now - simulationStart
        progress?.finish()

        RunOutputs.stage(result, into: &folder)
        if let flows { folder.add(streamed: flows) }
        do throws(OutputError) {
            try folder.add(manifest: manifest(trials: result.trials))
            try folder.commit(workingFolder: flows == nil ? nil : OutputFolder.workingFolder(for: out))
        } catch {
            throw Diagnostics.report(error)
        }
        let workbookLine = try workbook.write(folder: out)

        let outcomes = check ? try TargetOptions.outcomes(folder: out, extra: []) : nil
        if json {
            print(try JSONOutput.string(RunJSON(out: out, scenario: loaded.scenario.name, policy: resolved.policyName,
                                                seed: simulation.seed, result: result, converged: converged,
                                                files: folder.fileNames, check: outcomes.map(TargetOptions.Report.init))),
                  terminator: "")
        } else {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let summary = RunReport(
                scenarioName: loaded.scenario.name, policy: resolved.policyName, seed: simulation.seed,
                threads: threads, seconds: seconds, result: result, cohort: Self.cohort(resolved))
            print(summary.text, terminator: "")
            if let convergenceLine { print("\n" + convergenceLine) }
            print("\nWrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
            if let workbookLine { print(workbookLine) }
        }
        if let outcomes {
            if !json { TargetOptions.printOutcomes(outcomes) }
            if !outcomes.allSatisfy(\.passed) { throw ExitCode.failure }
        }
    }

    /// The intake cohort the run's `cohort_*` shares follow, as the engine shortens it to fit the
    /// horizon (`nil` when no window fits).
    static func cohort(_ resolved: ResolvedParameters) -> (intakeYears: Int, followYears: Int)? {
        let horizon = Int(resolved.centralValue("region.time.horizon_years"))
        let intake = min(Int(resolved.centralValue("region.time.cohort_intake_years")), horizon)
        let follow = min(Int(resolved.centralValue("region.time.cohort_follow_years")), horizon - intake)
        return intake > 0 && follow > 0 ? (intake, follow) : nil
    }
}

/// `run --json`: the run's key facts and every metric's main statistics (undefined ones are left
/// out), keys in snake_case like the CSV columns (`ci_low`); with `--check`, the targets' outcome
/// as `check: {passed, targets}`, so standard output stays one JSON document.
struct RunJSON: Encodable {
    /// One metric's statistics, named like the columns of summary.csv.
    struct Statistics: Encodable {
        let n: Int
        let mean, sd, ciLow, ciHigh, p05, p50, p95: Double?

        enum CodingKeys: String, CodingKey {
            case n, mean, sd, p05, p50, p95
            case ciLow = "ci_low", ciHigh = "ci_high"
        }
    }
    let out: String
    let scenario: String
    let policy: String
    let seed: UInt64
    let trials: Int
    let converged: Bool?
    let files: [String]
    let metrics: [String: Statistics]
    let check: TargetOptions.Report?

    init(out: String, scenario: String, policy: String, seed: UInt64, result: RunResult, converged: Bool?,
         files: [String], check: TargetOptions.Report? = nil) {
        self.check = check
        self.out = out
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.trials = result.trials
        self.converged = converged
        self.files = files
        var metrics: [String: Statistics] = [:]
        let named = Metric.allCases.map { ($0.name, Summary(result.values($0))) } + SummaryTable.fundSummaries(result)
        for (name, s) in named {
            let f = JSONOutput.finite
            metrics[name] = Statistics(n: s.n, mean: f(s.mean), sd: f(s.sd), ciLow: f(s.ciLow), ciHigh: f(s.ciHigh),
                                         p05: f(s.p05), p50: f(s.p50), p95: f(s.p95))
        }
        self.metrics = metrics
    }
}
