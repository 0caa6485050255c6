// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim compare`: the baseline and policy variants of a scenario on the same trials.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare policy variants with the baseline on the same trials (common random numbers).",
        discussion: """
            Runs the baseline and each named variant (default: every variant in the file) on the \
            same trial indices, so each trial sees the same results and the same luck under every \
            policy, and the per-trial differences measure the policy alone. Writes into the \
            output folder:

              compare.csv    policy,metric,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,
                             rel_diff,p_better — diff is variant − baseline paired per trial
                             with its 95 % t interval; p_better the share of trials where the
                             variant did better in the metric's own direction; after each
                             variant's rows a cost_per_extra_local_conversion row: diff = Δ fiscal
                             cost / Δ local conversions (万元 per extra local conversion) with
                             Fieller's 95 % interval, empty when Δ local's interval includes 0
              compare_timeseries.csv  policy,year,metric,mean,p05,p25,p50,p75,p95,diff,
                             diff_ci_low,diff_ci_high — each policy's yearly flows and running
                             totals (timeseries.csv's rows) with the paired difference by
                             year; cumulative_fiscal_cost and cumulative_converted_local give
                             the cost curve (extra 万元 and extra local conversions to date),
                             and a cost_per_extra_local_conversion row per variant and year
                             the 万元 per extra local conversion to date (Fieller's interval)
              interactions.csv  (with --interactions) policy,metric,interaction,ci_low,ci_high
                             for each combined policy a+b: (a+b) − a − b per metric, i.e. the
                             per-trial (a+b) − a − b + baseline, with its paired 95 % t interval
              metrics.csv    data dictionary: each metric's unit, English and Chinese labels
              manifest.json  provenance: the baseline's parameters, and under variants each
                             variant's description and the parameters it changes

            --policy a+b runs the union of variants a's and b's overrides (a package decomposed \
            into its parts); it is an invalid scenario (exit 65) when they set a parameter to \
            different values.

            and prints the key metrics with each variant's paired difference.

            --shard K/N runs only the trials ⌊(K−1)·T/N⌋ to ⌊K·T/N⌋ − 1 of every policy and \
            writes a shard folder (trial_data.csv); `transfersim merge` combines the N shards into \
            exactly the folder an unsharded compare writes; a killed shard continues with --resume.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The scenario file (YAML). Without it, the bundled default scenario.", valueName: "scenario"))
    var scenario: String?

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp("A variant to compare with the baseline (repeatable; default: all variants); a+b runs the union of both variants' overrides (exit 65 if they set a parameter differently).",
                           valueName: "name"))
    var policies: [String] = []

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var output: ResultsOptions

    @OptionGroup var convergence: ConvergenceOptions

    @OptionGroup var workbook: WorkbookOption
    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Print the comparison as JSON instead of a table.")
    var json = false

    @Flag(help: "For each combined policy a+b, also run a and b and report the interaction (a+b) − a − b (interactions.csv).")
    var interactions = false

    func validate() throws {
        try sharding.validate(convergence: convergence, trials: simulation.trials)
        if sharding.shard != nil && output.check { throw ValidationError("--check needs every trial: check the merged folder instead") }
    }

    func run() throws {
        let startTime = Date()
        let out = output.out, check = output.check
        let source = ScenarioSource(path: scenario)
        let loaded = try CommandSupport.load(source) { scenario in
            var names = policies.isEmpty ? scenario.variants.map(\.name) : policies.filter { $0 != "baseline" }
            if interactions {
                // The parts of each combination run too (once each), after the named policies.
                for name in names where name.contains("+") {
                    for part in name.split(separator: "+").map(String.init) where part != "baseline" && !names.contains(part) {
                        names.append(part)
                    }
                }
            }
            return ["baseline"] + names
        }
        let resolved = loaded.resolved
        func manifest(trials: Int) -> Manifest {
            var manifest = Manifest(
                toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
                scenarioName: loaded.scenario.name, scenarioFile: source.file, scenarioSHA256: loaded.sha256,
                policy: resolved.map(\.policyName).joined(separator: ","), seed: simulation.seed,
                trials: trials, threads: simulation.threadCount, startTime: startTime, endTime: Date(),
                commandLine: CommandLine.arguments, parameters: Manifest.parameters(of: resolved[0]),
                targets: loaded.scenario.targets.isEmpty ? nil : loaded.scenario.targets.map(\.target.description))
            manifest.variants = Manifest.variants(of: resolved, scenario: loaded.scenario)
            return manifest
        }
        if sharding.shard != nil {
            return try sharding.run(command: "compare", policies: resolved, loaded: (loaded.scenario, loaded.sha256), source: source,
                                    simulation: simulation, options: interactions ? ["--interactions"] : [], fundFlows: false,
                                    out: out, inputs: scenario.map { [$0] } ?? [], json: json, manifest: manifest(trials:))
        }
        var folder = try CommandSupport.writableFolder(out, command: "compare", inputs: scenario.map { [$0] } ?? [])
        try workbook.preflight()

        let runs = PolicyRuns(resolved, simulation: simulation, convergence: convergence)
        let results: [(policy: String, result: RunResult)] = zip(resolved, runs.results).map { ($0.policyName, $1) }
        let convergenceLine = runs.convergenceLine
        let trialsRun = results.first?.result.trials ?? simulation.trials

        let (rows, interactionRows) = CompareOutputs.stage(results, interactions: interactions, into: &folder)
        do throws(OutputError) {
            try folder.add(manifest: manifest(trials: trialsRun))
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let workbookLine = try workbook.write(folder: out)

        let outcomes = check ? try TargetOptions.outcomes(folder: out, extra: []) : nil
        if json, let outcomes {
            // One JSON document: the rows and the targets' outcome.
            struct Checked: Encodable {
                let rows: [CompareJSONRow]
                let check: TargetOptions.Report
            }
            print(try JSONOutput.string(Checked(rows: rows.map(CompareJSONRow.init), check: TargetOptions.Report(outcomes))),
                  terminator: "")
        } else if json {
            print(try JSONOutput.string(rows.map(CompareJSONRow.init)), terminator: "")
        } else {
            print("\(loaded.scenario.name) — \(results.count - 1) variant(s) against the baseline")
            print("\(ReadableNumber.count(trialsRun)) trials per policy on the same trial indices, seed \(simulation.seed)\n")
            print(CompareTable.text(rows), terminator: "")
            print("\ndiff = variant − baseline, paired per trial; 95 % interval of the mean difference.")
            // The deployability warning (docs/funds.md), for each policy whose fund cannot deploy.
            for (policy, result) in results {
                for line in FundDeployment.warnings(result) { print("\(policy): " + line, terminator: "") }
            }
            if interactions {
                print("\nInteractions 交互作用: (a+b) − a − b, paired per trial, 95 % interval (0 inside: the parts add up)")
                print(InteractionTable.text(interactionRows), terminator: "")
            }
            if let convergenceLine { print(convergenceLine) }
            print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
            if let workbookLine { print(workbookLine) }
        }
        if let outcomes {
            if !json { TargetOptions.printOutcomes(outcomes) }
            if !outcomes.allSatisfy(\.passed) { throw ExitCode.failure }
        }
    }
}

/// One row of `compare --json` (undefined statistics are left out).
struct CompareJSONRow: Encodable {
    let policy: String
    let metric: String
    let mean: Double?
    let ciLow: Double?
    let ciHigh: Double?
    let diff: Double?
    let diffCILow: Double?
    let diffCIHigh: Double?
    let relDiff: Double?
    let pBetter: Double?

    enum CodingKeys: String, CodingKey {
        case policy, metric, mean, diff
        case ciLow = "ci_low", ciHigh = "ci_high", diffCILow = "diff_ci_low", diffCIHigh = "diff_ci_high"
        case relDiff = "rel_diff", pBetter = "p_better"
    }

    init(_ row: CompareTable.Row) {
        policy = row.policy
        metric = row.name
        mean = JSONOutput.finite(row.summary.mean)
        ciLow = JSONOutput.finite(row.summary.ciLow)
        ciHigh = JSONOutput.finite(row.summary.ciHigh)
        diff = row.paired.flatMap { JSONOutput.finite($0.diff) }
        diffCILow = row.paired.flatMap { JSONOutput.finite($0.diffLow) }
        diffCIHigh = row.paired.flatMap { JSONOutput.finite($0.diffHigh) }
        relDiff = row.paired.flatMap { JSONOutput.finite($0.relativeDiff) }
        pBetter = row.paired.flatMap { JSONOutput.finite($0.pBetter) }
    }
}
