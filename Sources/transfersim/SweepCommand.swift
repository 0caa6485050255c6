// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim sweep`: evaluates a design of parameter points, each on the same trials.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep (grid, Monte Carlo, Latin hypercube or Sobol design).",
        discussion: """
            Each point runs the sweep's trials on the same trial indices and seed (common random \
            numbers across points). As points finish, their rows are appended to \
            sweep.journal.csv in the working folder DIR.in-progress beside the output folder \
            (flushed to disk line by line); at the end sweep.csv, sweep_long.csv, metrics.csv \
            (the data dictionary) and manifest.json (each file's size and SHA-256) are written into it, sorted by point, \
            with sweep_trials.csv (every trial of every point: its design values, the values it drew for the \
            scenario's uncertain parameters, draw:PATH, and its metrics) when the scenario gives some parameter \
            as a distribution or the sweep file says trial_table: true; \
            the journal is removed, and the working folder is renamed to DIR, replacing an \
            earlier results folder there whole (a folder holding anything else is refused, \
            exit 73). After a crash or an interrupt, run the same command with \
            --resume: the journal's points are kept, the rest are run, and the output is \
            byte-identical to an uninterrupted run. The journal records the sweep's identity \
            (a hash of the sweep file, scenario, seed and trials); --resume refuses another \
            sweep's journal (exit 65). --shard K/N runs the points p with p mod N = K − 1; \
            `transfersim merge` combines the shards' folders. --check asserts the sweep file's \
            targets (and --expect) at every point: each must hold at each point, else exit 1. \
            A plan of more than --max-points points or --max-trial-runs points × trials is \
            refused before anything runs (exit 64). See docs/sweeps.md.
            """
    )

    @Argument(help: ArgumentHelp("The sweep file (YAML).", valueName: "sweep.yaml"))
    var sweep: String

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole.", valueName: "dir"))
    var out: String = "out"

    @OptionGroup var workbook: WorkbookOption

    @Option(help: ArgumentHelp("Trials per point (overrides the sweep file).", valueName: "n"))
    var trials: Int?

    @Option(help: ArgumentHelp("Master seed (overrides the sweep file).", valueName: "s"),
            transform: SimulationOptions.seed(from:))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Worker threads.", valueName: "t"))
    var threads: Int?

    @Option(help: ArgumentHelp("Run only shard K of N: the points p with p mod N = K − 1 (merge the shards' folders with `transfersim merge`).", valueName: "K/N"),
            transform: SweepCommand.shard(from:))
    var shard: SweepShard?

    @Flag(help: "After writing, check the sweep file's targets and every --expect at every point (exit 1 if any fails).")
    var check = false

    @Option(name: .customLong("expect"),
            help: ArgumentHelp("A further target for --check, e.g. 'converted_local.mean >= 100' (repeatable).", valueName: "expr"))
    var expectations: [String] = []

    @Flag(help: "Print the outcome (files, points, check) as JSON on standard output.")
    var json = false

    @Option(name: .customLong("max-points"),
            help: ArgumentHelp("Refuse a design of more points than this, before generating any (memory grows with points).", valueName: "n"))
    var maxPoints: Int = PlanLimit.defaultMaxPoints

    @Option(name: .customLong("max-trial-runs"),
            help: ArgumentHelp("Refuse a plan of more points × trials than this (run time grows with it).", valueName: "n"))
    var maxTrialRuns: Int = PlanLimit.defaultMaxTrialRuns

    func validate() throws {
        for text in expectations { _ = try TargetOptions.parse(text) }
        if let trials, trials < 1 { throw ValidationError("--trials must be at least 1 (got \(trials))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }

    @Flag(help: "Continue an interrupted sweep: keep the points in the journal (DIR.in-progress), run the rest.")
    var resume = false

    func run() throws {
        let startTime = Date()
        var spec: SweepSpec
        let scenario: (scenario: Scenario, sha256: String)
        let base: ResolvedParameters
        let points: [[Double]]
        let sweepText: String
        do throws(ScenarioError) {
            sweepText = try InputFile.text(sweep, kind: "sweep file")
            spec = try SweepSpec.parse(yaml: sweepText, file: sweep)
            if let trials { spec.trials = trials }
            if let seed { spec.seed = seed }
        } catch {
            throw Diagnostics.report(error)
        }
        if let problem = PlanLimit(maxPoints: maxPoints, maxTrialRuns: maxTrialRuns)
            .problem(points: spec.pointCount, trials: spec.trials, what: "sweep") {
            Diagnostics.write("\(sweep): error: \(problem)")
            throw ExitCode.validationFailure
        }
        do throws(ScenarioError) {
            (scenario, base, points) = try spec.resolved(file: sweep)
        } catch {
            throw Diagnostics.report(error)
        }
        let paths = spec.parameters.map(\.path)
        // The values each trial draws (the same columns at every point: a point fixes only its
        // parameters), and whether the sweep keeps every trial (sweep_trials.csv).
        let draws: DrawLayout
        do throws(ScenarioError) {
            if let first = points.first {
                draws = DrawLayout(try SweepRunner.parameters(base, paths: paths, values: first))
            } else {
                draws = .empty
            }
        } catch {
            throw Diagnostics.report(error)
        }
        let trialTable = spec.trialTable ?? !draws.isEmpty
        let hash = SweepJournal.sweepHash(parts: [sweepText, scenario.sha256, spec.designText ?? ""] + (trialTable ? ["trial table"] : []),
                                          seed: spec.seed, trials: spec.trials)
        let shardText = shard?.description ?? "all"
        let selected = points.indices.filter { shard?.contains($0) ?? true }
        var folder = try CommandSupport.writableFolder(
            out, command: "sweep", inputs: [sweep, spec.scenarioPath] + (spec.designFile.map { [$0] } ?? []))
        try workbook.preflight()
        let working = OutputFolder.workingFolder(for: out)
        let valuesPerPoint = SweepRunner.valuesPerPoint(trials: spec.trials, trialTable: trialTable, draws: draws)
        let start: SweepSession.Start
        do throws(SweepJournal.JournalError) {
            start = try SweepSession.start(folder: working, results: out, hash: hash, shard: shardText, selected: selected,
                                           valuesPerPoint: valuesPerPoint, resume: resume)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        let session: SweepSession
        switch start {
        case .finishedAlready:
            if json {
                print(try JSONOutput.string(
                    SweepJSON(state: "finished_already", out: out, files: [], points: 0, pointsRun: 0,
                              designPoints: points.count, resumedPoints: 0, shard: shard?.description,
                              trials: spec.trials, seed: spec.seed, sweepSHA256: hash, check: nil)), terminator: "")
            } else {
                print("\(out) already holds this sweep's finished results; nothing to resume.")
            }
            return
        case let .ready(started): session = started
        }
        Self.exitOnInterrupt()
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = ProgressLine(total: selected.count, unit: "points")
        let resumedCount = session.resumedCount
        if resumedCount > 0 { progress?.update(done: resumedCount) }
        // One point at a time, its trials spread over the threads (sweeps run many trials a point).
        let trialCount = spec.trials, seed = spec.seed, firstTrial = spec.firstTrial
        do {
            try session.run(selected, concurrentPoints: 1, progress: { progress?.update(done: $0) }) { index in
                let parameters = try SweepRunner.parameters(base, paths: paths, values: points[index])
                return SweepRunner.run(point: index, parameters, trials: trialCount, seed: seed, threads: threadCount,
                                       firstTrial: firstTrial, trialTable: trialTable)
            }
        } catch let error as SweepJournal.JournalError {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ScenarioError {
            throw Diagnostics.report(error)
        }
        session.close()
        progress?.finish()
        let finished = session.finished
        let results = selected.compactMap { finished[$0] }

        folder.add(file: SweepTable.fileName, contents: SweepTable.csv(paths: paths, points: points, results: results))
        folder.add(file: SweepTable.longFileName, contents: SweepTable.longCSV(results: results))
        if trialTable {
            folder.add(file: SweepTable.trialsFileName, contents: SweepTable.trialsCSV(
                paths: paths, points: points, draws: draws, trials: trialCount, firstTrial: firstTrial, results: results))
        }
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: scenario.scenario.name, scenarioFile: spec.scenarioPath, scenarioSHA256: scenario.sha256,
            policy: base.policyName, seed: spec.seed, trials: spec.trials, threads: threadCount,
            startTime: startTime, endTime: Date(), commandLine: CommandLine.arguments,
            parameters: Manifest.parameters(of: base))
        manifest.sweepSHA256 = hash
        manifest.points = points.count
        manifest.shard = shardText == "all" ? nil : shardText
        manifest.targets = spec.targets.isEmpty ? nil : spec.targets.map(\.target.description)
        folder.addMetricDictionary()
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit(workingFolder: working)
        } catch {
            throw Diagnostics.report(error)
        }
        let workbookLine = try workbook.write(folder: out)
        let summary = "\(selected.count) points × \(spec.trials) trials; wrote \(folder.fileNames.joined(separator: ", ")) to \(out)."
        var outcomes: [ResultsCheck.Outcome]?
        if check {
            let targets = spec.targets.map(\.target) + (try expectations.map { try TargetOptions.parse($0) })
            outcomes = SweepCheck.evaluate(targets, sweepCSV: SweepTable.csv(paths: paths, points: points, results: results))
        }
        if json {
            let report = SweepJSON(state: "finished", out: out, files: folder.fileNames, points: selected.count,
                                   pointsRun: selected.count - resumedCount, designPoints: points.count,
                                   resumedPoints: resumedCount, shard: manifest.shard, trials: spec.trials, seed: spec.seed,
                                   sweepSHA256: hash,
                                   check: outcomes.map { SweepJSON.Check(passed: $0.allSatisfy(\.passed), targets: $0) })
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(summary)
            if let workbookLine { print(workbookLine) }
            if let outcomes {
                for outcome in outcomes { print(outcome.message) }
                let failed = outcomes.filter { !$0.passed }.count
                print(outcomes.isEmpty ? "No targets to check." : "\(outcomes.count - failed) of \(outcomes.count) targets met at every point.")
            }
        }
        if let outcomes, !outcomes.allSatisfy(\.passed) { throw ExitCode.failure }
    }

    /// Reads `--shard K/N`; a malformed one is a usage error (64).
    static func shard(from text: String) throws -> SweepShard {
        do throws(SweepJournal.JournalError) { return try SweepShard.parse(text) } catch {
            throw ValidationError("--shard \(error.description)")
        }
    }

    /// On SIGINT or SIGTERM (even when inherited as ignored or blocked), says how to go
    /// on and exits 130 at once: every finished point is already on disk in the journal.
    static func exitOnInterrupt() {
        let handler: @convention(c) (Int32) -> Void = { _ in
            let message = "\ninterrupted; finished points are in the journal: run the same command with --resume to continue\n"
            message.utf8CString.withUnsafeBufferPointer { buffer in
                _ = write(2, buffer.baseAddress, buffer.count - 1)
            }
            _exit(130)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// `sweep --json`: what the call did, in snake_case like the CSV columns. `points` is the number
/// of points in the folder written (this shard's, or the whole design's), as in docs/sweeps.md;
/// `points_run` those simulated by this call, `resumed_points` those taken from the journal.
/// `state` is `finished`, or `finished_already` when `--resume` found the finished results
/// (then nothing was run or written, and the counts are 0).
struct SweepJSON: Encodable {
    struct Check: Encodable {
        let passed: Bool
        let targets: [ResultsCheck.Outcome]
    }
    let state: String
    let out: String
    let files: [String]
    let points: Int
    let pointsRun: Int
    let designPoints: Int
    let resumedPoints: Int
    let shard: String?
    let trials: Int
    let seed: UInt64
    let sweepSHA256: String
    let check: Check?

    enum CodingKeys: String, CodingKey {
        case state, out, files, points, shard, trials, seed, check
        case pointsRun = "points_run", designPoints = "design_points", resumedPoints = "resumed_points"
        case sweepSHA256 = "sweep_sha256"
    }
}
