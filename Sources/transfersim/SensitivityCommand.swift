// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim sensitivity`: which parameters drive an output — Sobol indices, Morris elementary
/// effects or a one-at-a-time tornado, on the sweep machinery (parallel, sharded, resumable).
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sensitivity analysis of scenario outputs (Sobol indices, Morris screening, one-at-a-time tornado).",
        discussion: """
            The spec names a scenario, the parameters with their ranges, the outputs (metric \
            names) and the method's settings. Every model evaluation runs the spec's trials on the \
            same trial indices and seed (common random numbers) and takes each output's mean. \
            Evaluations run in parallel (one per thread) and are journaled as in `sweep`: \
            --resume continues an interrupted run, --shard K/N runs a share of the evaluations, \
            and `sensitivity SPEC --merge DIR... --out DIR` combines the shards and analyses them. \
            Writes sensitivity.csv (method,output,parameter,index,estimate,ci_low,ci_high), \
            sensitivity_samples.csv (the evaluations, in SALib's row order), for oat \
            sensitivity_trials.csv, metrics.csv (the data dictionary) and manifest.json; prints a ranking. The journal lives in \
            DIR.in-progress beside the output folder until the run is complete; then that folder \
            becomes DIR, replacing an earlier results folder whole. A plan of more than \
            --max-points evaluations or --max-trial-runs evaluations × trials is refused before \
            it is built (exit 64). See docs/sensitivity.md.
            """
    )

    @Argument(help: ArgumentHelp("The sensitivity spec (YAML).", valueName: "spec.yaml"))
    var spec: String

    @Option(help: ArgumentHelp("The method (overrides the spec): sobol, morris or oat.", valueName: "method"))
    var method: String?

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole (anything else is refused, exit 73).", valueName: "dir"))
    var out: String = "out"

    @OptionGroup var workbook: WorkbookOption

    @Option(help: ArgumentHelp("Trials per evaluation (overrides the spec).", valueName: "n"))
    var trials: Int?

    @Option(help: ArgumentHelp("Master seed (overrides the spec).", valueName: "s"), transform: SimulationOptions.seed(from:))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Evaluations run at once, one per thread (default: the active processors). Results do not depend on it.", valueName: "t"))
    var threads: Int?

    @Option(help: ArgumentHelp("Run only shard K of N: the evaluations p with p mod N = K − 1.", valueName: "K/N"),
            transform: SweepCommand.shard(from:))
    var shard: SweepShard?

    @Flag(help: "Continue an interrupted run: keep the evaluations in the journal (DIR.in-progress), run the rest.")
    var resume = false

    @Option(name: .customLong("max-points"),
            help: ArgumentHelp("Refuse a plan of more evaluations than this, before building it (memory grows with evaluations).", valueName: "n"))
    var maxPoints: Int = PlanLimit.defaultMaxPoints

    @Option(name: .customLong("max-trial-runs"),
            help: ArgumentHelp("Refuse a plan of more evaluations × trials than this (run time grows with it).", valueName: "n"))
    var maxTrialRuns: Int = PlanLimit.defaultMaxTrialRuns

    @Option(name: .customLong("merge"), parsing: .upToNextOption,
            help: ArgumentHelp("Instead of running, combine these shards' output folders and analyse them.", valueName: "dir"))
    var shards: [String] = []

    func validate() throws {
        if let method, SensitivityMethod(rawValue: method) == nil {
            throw ValidationError("--method must be sobol, morris or oat (got '\(method)')")
        }
        if let trials, trials < 1 { throw ValidationError("--trials must be at least 1 (got \(trials))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if !shards.isEmpty, shard != nil || resume { throw ValidationError("--merge runs nothing: it cannot be combined with --shard or --resume") }
    }

    func run() throws {
        let startTime = Date()
        let (settings, specText) = try readSpec()
        if let problem = PlanLimit(maxPoints: maxPoints, maxTrialRuns: maxTrialRuns)
            .problem(points: settings.plannedPoints, trials: settings.trials, what: "sensitivity analysis") {
            Diagnostics.write("\(spec): error: \(problem)")
            throw ExitCode.validationFailure
        }
        let (scenario, base) = try loadScenario(settings)
        let plan = try makePlan(settings, base)
        let hash = SweepJournal.sweepHash(parts: ["sensitivity", settings.method.rawValue, specText, scenario.sha256],
                                          seed: settings.seed, trials: settings.trials)
        let shardText = shard?.description ?? "all"
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        var folder = try CommandSupport.writableFolder(out, command: "sensitivity", inputs: [spec, settings.scenarioPath] + shards)
        try workbook.preflight()
        let working = OutputFolder.workingFolder(for: out)
        let results: [Int: SweepRunner.PointResult]
        let resumed: Int
        if shards.isEmpty {
            guard let ran = try evaluate(plan, settings, base, hash: hash, shard: shardText, threads: threadCount, working: working)
            else { return }
            (results, resumed) = ran
        } else {
            results = try merged(plan, settings, hash: hash)
            resumed = 0
        }
        let done = results.keys.sorted().compactMap { results[$0] }
        folder.add(file: SensitivityTable.samplesFileName,
                   contents: SensitivityTable.samplesCSV(plan, outputs: settings.outputs, trials: settings.trials, results: done))
        if plan.method == .oat {
            folder.add(file: SensitivityTable.trialsFileName,
                       contents: SensitivityTable.trialsCSV(outputs: settings.outputs, trials: settings.trials, results: done))
        }
        var analysis: (rows: [SensitivityRow], problems: [String])?
        if shard == nil {
            let found = SensitivityAnalysis.rows(plan, results: results, outputs: settings.outputs, trials: settings.trials,
                                                 bootstrap: settings.bootstrap, seed: settings.seed)
            folder.add(file: SensitivityTable.fileName, contents: SensitivityTable.csv(found.rows))
            analysis = found
        }
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: scenario.scenario.name, scenarioFile: settings.scenarioPath, scenarioSHA256: scenario.sha256,
            policy: base.policyName, seed: settings.seed, trials: settings.trials, threads: threadCount,
            startTime: startTime, endTime: Date(), commandLine: CommandLine.arguments,
            parameters: Manifest.parameters(of: base))
        manifest.sweepSHA256 = hash
        manifest.points = plan.points.count
        manifest.shard = shard?.description
        folder.addMetricDictionary()
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit(workingFolder: shards.isEmpty ? working : nil)
        } catch {
            throw Diagnostics.report(error)
        }
        let workbookLine = try workbook.write(folder: out)
        print("\(plan.method.rawValue): \(done.count) of \(plan.points.count) evaluations × \(settings.trials) trials"
            + (resumed > 0 ? " (\(resumed) resumed)" : "") + "; wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
        if let workbookLine { print(workbookLine) }
        guard let analysis else {
            print("Shard \(shardText) done: combine the shards with `transfersim sensitivity \(spec) --merge DIR... --out DIR`.")
            return
        }
        print(SensitivityTable.ranking(analysis.rows, outputs: settings.outputs), terminator: "")
        for problem in analysis.problems { Diagnostics.write("warning: \(problem)") }
    }

    /// The spec, with the command line's overrides, and its text (part of the run's identity).
    private func readSpec() throws -> (SensitivitySpec, String) {
        do throws(ScenarioError) {
            let text = try InputFile.text(spec, kind: "sensitivity spec")
            var settings = try SensitivitySpec.parse(yaml: text, file: spec)
            if let method, let chosen = SensitivityMethod(rawValue: method) { settings.method = chosen }
            if let trials { settings.trials = trials }
            if let seed { settings.seed = seed }
            return (settings, text)
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// The scenario and the resolved policy; every parameter's two ends are checked against the
    /// catalogue's limits first, at the spec's line and column, so nothing runs on an impossible point.
    private func loadScenario(_ settings: SensitivitySpec) throws
        -> (scenario: (scenario: Scenario, sha256: String), base: ResolvedParameters) {
        do throws(ScenarioError) {
            return try settings.resolved()
        } catch {
            throw Diagnostics.report(error)
        }
    }

    private func makePlan(_ settings: SensitivitySpec, _ base: ResolvedParameters) throws -> SensitivityPlan {
        do throws(SensitivityProblem) {
            return try settings.plan(base: base)
        } catch {
            Diagnostics.write("\(spec): error: \(error.description)")
            throw Diagnostics.invalidInput
        }
    }

    /// Runs this shard's evaluations through the sweep session (journal, resume); `nil` when the
    /// folder already holds the finished run.
    private func evaluate(_ plan: SensitivityPlan, _ settings: SensitivitySpec, _ base: ResolvedParameters,
                          hash: String, shard shardText: String, threads: Int, working: String) throws
        -> (results: [Int: SweepRunner.PointResult], resumed: Int)? {
        let selected = plan.points.indices.filter { shard?.contains($0) ?? true }
        let session: SweepSession
        do throws(SweepJournal.JournalError) {
            switch try SweepSession.start(folder: working, results: out, hash: hash, shard: shardText, selected: selected,
                                          valuesPerPoint: plan.valuesPerPoint(outputs: settings.outputs.count, trials: settings.trials),
                                          resume: resume) {
            case .finishedAlready:
                print("\(out) already holds this analysis's finished results; nothing to resume.")
                return nil
            case let .ready(started): session = started
            }
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        SweepCommand.exitOnInterrupt()
        let progress = ProgressLine(total: selected.count, unit: "evaluations")
        if session.resumedCount > 0 { progress?.update(done: session.resumedCount) }
        let outputs = settings.outputs, trials = settings.trials, seed = settings.seed
        do {
            try session.run(selected, concurrentPoints: threads, progress: { progress?.update(done: $0) }) { point in
                let (paths, values) = plan.overrides(at: point)
                let resolved = try SweepRunner.parameters(base, paths: paths, values: values)
                return plan.evaluate(point: point, resolved, outputs: outputs, trials: trials, seed: seed)
            }
        } catch let error as SweepJournal.JournalError {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ScenarioError {
            throw Diagnostics.report(error)
        }
        session.close()
        progress?.finish()
        return (session.finished, session.resumedCount)
    }

    /// The shards' evaluations, merged by the sweep merge; they must be shards of this very analysis.
    private func merged(_ plan: SensitivityPlan, _ settings: SensitivitySpec, hash: String) throws -> [Int: SweepRunner.PointResult] {
        do throws(SweepMerge.MergeError) {
            let merged = try SweepMerge.merge(folders: shards, pointTable: SensitivityTable.samplesFileName,
                                              detailTables: plan.method == .oat ? [SensitivityTable.trialsFileName] : [])
            guard merged.manifest.sweepSHA256 == hash, merged.manifest.points == plan.points.count else {
                throw SweepMerge.MergeError("the shards are not of this analysis (the spec, scenario, method, seed or trials differ)")
            }
            return SensitivityTable.results(samplesCSV: merged.tables[0], trialsCSV: merged.tables.dropFirst().first,
                                            method: plan.method, outputs: settings.outputs, trials: settings.trials)
        } catch {
            Diagnostics.write("error: \(error.description)")
            throw ExitCode(error.exitCode)
        }
    }
}
