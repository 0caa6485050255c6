// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim levers`: what each policy lever buys — every lever's documented policy step
/// against the base policy on common random numbers, ranked by local conversions per 亿元.
struct LeversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "levers",
        abstract: "What each policy lever buys: one policy step per lever against the base policy, ranked by cost per extra local conversion.",
        discussion: """
            For each lever of the model (MODEL.md §4.1) runs its policy step — a realistic \
            increment, or the lever switched off — against the base policy on the same trial \
            indices (common random numbers), and ranks the levers by the local conversions they \
            buy per 亿元 (10,000 万元) of fiscal cost. The steps are the scenario's own `levers:` \
            section (written like `variants:`; a step applies on top of the base policy), or, \
            when it has none, the built-in catalogue (`Scenarios/levers/default-levers.yaml` \
            lists the same steps with their sources). Cost: (levers + 1) × trials evaluations.

            Writes into the output folder:

              levers.csv     lever,step,metric,base_mean,diff,diff_ci_low,
                             diff_ci_high,note — per lever the paired
                             difference (step − base, 95 % t interval) of
                             converted_local, converted_elsewhere,
                             fiscal_cost_total (万元) and
                             months_to_conversion_median, then
                             cost_per_extra_local_conversion: Δ fiscal cost /
                             Δ local conversions (万元 per extra local
                             conversion) with Fieller's 95 % interval on the
                             paired per-trial differences; empty, with the
                             note "not defined: …", when the interval of
                             Δ local conversions includes 0; then a row per
                             channel metric the step names ("channel:
                             ventures_on_market down" in its expectation),
                             note "channel: expected down". Ranked order.
              metrics.csv    data dictionary: each metric's unit and labels
              manifest.json  provenance: parameters of the base policy and,
                             under variants, each step's overrides (the
                             parameters it changes, their values and
                             where they are set) and channels

            Ranking (most local conversions per 亿元 first): steps that add local conversions and \
            save money; then those that add conversions at a cost, fewest 万元 per extra \
            conversion first; then steps that lose conversions; last, those whose ratio is not \
            defined. The output is byte-identical for any --threads.

            --until-ci W adds trials in batches until the 95 % half-width of every step's paired \
            difference in the watched metrics (--metric, as for compare) is at most W, with \
            --trials as the cap.

            Examples:
              transfersim levers --trials 300 --out out/levers
              transfersim levers --until-ci 1 --metric converted_local --trials 2000
              transfersim levers Scenarios/hefei.yaml --policy local_subsidy --only land_400

            On the default scenario (300 trials, seed 20260101; excerpt, 万元):
               #  lever               Δ local   Δ fiscal cost  per extra local conversion
               1  land_400               42.3          -10.6  -0.25 [-0.45, -0.05] saves
               2  first_use_then_pay     34.9          483.3  13.8 [12.7, 15.0]
               3  inventor_share_70      56.4          1,387  24.6 [23.0, 26.2]
              11  rewards_local_20       15.7          5,055  321.5 [311.3, 332.4]
              22  tech_loans_off        -15.2         -2,239  147.2 [139.9, 154.8] fewer
              23  pilot_doubled          0.00           0.00  not defined (Δ local ≈ 0)
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The scenario file (YAML). Without it, the bundled default scenario.", valueName: "scenario"))
    var scenario: String?

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp("The base policy the steps are measured from: baseline (default), a variant, or a+b.",
                           valueName: "name"))
    var base: String = "baseline"

    @Option(
        name: .customLong("only"),
        help: ArgumentHelp("Run only this lever step (repeatable; default: every step).", valueName: "name"))
    var only: [String] = []

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var convergence: ConvergenceOptions

    @OptionGroup var workbook: WorkbookOption

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "The output folder: created if new; an empty folder or an earlier TransferSim results folder there is replaced whole; anything else there is refused (exit 73).",
            valueName: "dir"))
    var out: String = "out"

    func run() throws {
        let startTime = Date()
        let source = ScenarioSource(path: scenario)
        let loaded: (scenario: Scenario, sha256: String)
        var steps: [LeverStep]
        var resolved: [ResolvedParameters] = []
        do throws(ScenarioError) {
            let file = try source.load()
            loaded = (file.scenario, file.sha256)
            steps = file.scenario.levers.isEmpty ? LeverCatalogue.defaults : file.scenario.levers.map(LeverStep.init)
            if !only.isEmpty {
                let known = steps.map(\.name)
                for name in only where !known.contains(name) {
                    var message = "unknown lever step '\(name)' (known: \(known.joined(separator: ", ")))"
                    if let guess = closestMatch(to: name, among: known) { message += "; did you mean '\(guess)'?" }
                    throw ScenarioError(message)
                }
                steps = steps.filter { only.contains($0.name) }
            }
            resolved.append(try file.scenario.resolveCombined(policy: base))
            for step in steps { resolved.append(try file.scenario.resolve(step: step, over: base)) }
        } catch {
            throw Diagnostics.report(error)
        }
        var folder = try CommandSupport.writableFolder(out, command: "levers", inputs: scenario.map { [$0] } ?? [])
        try workbook.preflight()

        let runs = PolicyRuns(resolved, simulation: simulation, convergence: convergence)
        let results = runs.results
        let convergenceLine = runs.convergenceLine
        let trialsRun = results.first?.trials ?? simulation.trials

        let outcomes = zip(steps, results.dropFirst()).map {
            LeverExperiment.outcome($0, base: results[0], variant: $1)
        }
        let ranked = LeverExperiment.ranked(outcomes)
        folder.add(file: LeversTable.fileName, contents: LeversTable.csv(ranked))
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: loaded.scenario.name, scenarioFile: source.file, scenarioSHA256: loaded.sha256,
            policy: ([base] + steps.map(\.name)).joined(separator: ","), seed: simulation.seed,
            trials: trialsRun, threads: simulation.threadCount, startTime: startTime, endTime: Date(),
            commandLine: CommandLine.arguments, parameters: Manifest.parameters(of: resolved[0]),
            targets: nil)
        manifest.variants = Manifest.leverSteps(steps, resolved: resolved)
        folder.addMetricDictionary()
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let workbookLine = try workbook.write(folder: out)

        print("\(loaded.scenario.name) — \(steps.count) lever step(s) against \(base) 各政策杠杆相对基准的效果")
        print("\(ReadableNumber.count(trialsRun)) trials per policy on the same trial indices, seed \(simulation.seed)\n")
        print(LeversTable.text(ranked), terminator: "")
        print("""

            Δ = step − \(base), paired per trial, with 95 % intervals; 万元 per extra local conversion = \
            Δ fiscal cost / Δ local conversions with Fieller's 95 % interval (not defined when Δ local's \
            interval includes 0). Ranked by local conversions per 亿元 (10,000 万元).
            """)
        if let convergenceLine { print(convergenceLine) }
        print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
        if let workbookLine { print(workbookLine) }
    }
}
