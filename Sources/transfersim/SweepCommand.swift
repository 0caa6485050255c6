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
            sweep.journal.csv in the output folder (flushed to disk line by line); at the end \
            sweep.csv, sweep_long.csv and manifest.json are written atomically, sorted by point, \
            and the journal is removed. After a crash or an interrupt, run the same command with \
            --resume: the journal's points are kept, the rest are run, and the output is \
            byte-identical to an uninterrupted run. The journal records the sweep's identity \
            (a hash of the sweep file, scenario, seed and trials); --resume refuses another \
            sweep's journal (exit 65). --shard K/N runs the points p with p mod N = K − 1; \
            `transfersim merge` combines the shards' folders. --check asserts the sweep file's \
            targets (and --expect) at every point: each must hold at each point, else exit 1. \
            See docs/sweeps.md.
            """
    )

    @Argument(help: ArgumentHelp("The sweep file (YAML).", valueName: "sweep.yaml"))
    var sweep: String

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String = "out"

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

    func validate() throws {
        for text in expectations { _ = try TargetOptions.parse(text) }
    }

    @Flag(help: "Continue an interrupted sweep: keep the points in the output folder's journal, run the rest.")
    var resume = false

    func run() throws {
        let startTime = Date()
        var spec: SweepSpec
        let scenario: (scenario: Scenario, sha256: String)
        let base: ResolvedParameters
        let points: [[Double]]
        let sweepText: String
        do throws(ScenarioError) {
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: sweep)) } catch {
                throw ScenarioError("cannot read '\(sweep)': no such file", category: .missingFile)
            }
            sweepText = String(decoding: bytes, as: UTF8.self)
            spec = try SweepSpec.parse(yaml: sweepText, file: sweep)
            if let trials { spec.trials = trials }
            if let seed { spec.seed = seed }
            scenario = try ScenarioSource.file(spec.scenarioPath).load()
            base = try scenario.scenario.resolve(policy: spec.policy)
            do {
                points = try spec.points()
            } catch {
                throw ScenarioError("\(sweep): error: \(error.description)")
            }
            // Check every point's values up front: nothing runs on an impossible point.
            for point in points { _ = try SweepRunner.parameters(base, paths: spec.parameters.map(\.path), values: point) }
        } catch {
            throw Diagnostics.report(error)
        }
        let hash = SweepJournal.sweepHash(parts: [sweepText, scenario.sha256, spec.designText ?? ""], seed: spec.seed, trials: spec.trials)
        let shardText = shard?.description ?? "all"
        let selected = points.indices.filter { shard?.contains($0) ?? true }
        var folder = try CommandSupport.writableFolder(out)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let valuesPerPoint = Metric.allCases.count * SweepRunner.statistics.count
        let session: SweepSession
        do throws(SweepJournal.JournalError) {
            switch try SweepSession.start(folder: out, hash: hash, shard: shardText, selected: selected,
                                          valuesPerPoint: valuesPerPoint, resume: resume) {
            case .finishedAlready:
                print("\(out) already holds this sweep's finished results; nothing to resume.")
                return
            case let .ready(started): session = started
            }
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        Self.exitOnInterrupt()
        let paths = spec.parameters.map(\.path)
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = ProgressLine(total: selected.count, unit: "points")
        let resumedCount = session.resumedCount
        if resumedCount > 0 { progress?.update(done: resumedCount) }
        // One point at a time, its trials spread over the threads (sweeps run many trials a point).
        let trialCount = spec.trials, seed = spec.seed
        do {
            try session.run(selected, concurrentPoints: 1, progress: { progress?.update(done: $0) }) { index in
                let parameters = try SweepRunner.parameters(base, paths: paths, values: points[index])
                return SweepRunner.run(point: index, parameters, trials: trialCount, seed: seed, threads: threadCount)
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
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        session.removeJournal()
        let summary = "\(selected.count) points × \(spec.trials) trials; wrote \(folder.fileNames.joined(separator: ", ")) to \(out)."
        var outcomes: [ResultsCheck.Outcome]?
        if check {
            let targets = spec.targets.map(\.target) + (try expectations.map { try TargetOptions.parse($0) })
            outcomes = SweepCheck.evaluate(targets, sweepCSV: SweepTable.csv(paths: paths, points: points, results: results))
        }
        if json {
            struct Check: Encodable {
                let passed: Bool
                let targets: [ResultsCheck.Outcome]
            }
            struct Report: Encodable {
                let out: String
                let files: [String]
                let points: Int
                let design_points: Int
                let resumed_points: Int
                let shard: String?
                let trials: Int
                let seed: UInt64
                let sweep_sha256: String
                let check: Check?
            }
            let report = Report(out: out, files: folder.fileNames, points: selected.count, design_points: points.count,
                                resumed_points: resumedCount, shard: manifest.shard, trials: spec.trials, seed: spec.seed,
                                sweep_sha256: hash, check: outcomes.map { Check(passed: $0.allSatisfy(\.passed), targets: $0) })
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(summary)
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
