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
            sweep.csv, sweep_long.csv and manifest.json are written atomically, sorted by point.
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

    static let journalName = "sweep.journal.csv"

    func run() throws {
        let startTime = Date()
        var spec: SweepSpec
        let scenario: (scenario: Scenario, sha256: String)
        let base: ResolvedParameters
        let points: [[Double]]
        do throws(ScenarioError) {
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: sweep)) } catch {
                throw ScenarioError("cannot read '\(sweep)': no such file", category: .missingFile)
            }
            spec = try SweepSpec.parse(yaml: String(decoding: bytes, as: UTF8.self), file: sweep)
            if let trials { spec.trials = trials }
            if let seed { spec.seed = seed }
            scenario = try ScenarioSource.file(spec.scenarioPath).load()
            base = try scenario.scenario.resolve(policy: spec.policy)
            do {
                points = try spec.design.points(spec.parameters, seed: spec.seed)
            } catch {
                throw ScenarioError("\(sweep): error: \(error.description)")
            }
            // Check every point's values up front: nothing runs on an impossible point.
            for point in points { _ = try SweepRunner.parameters(base, paths: spec.parameters.map(\.path), values: point) }
        } catch {
            throw Diagnostics.report(error)
        }
        var folder = OutputFolder(path: out)
        do throws(OutputError) { try folder.checkWritable() } catch { throw Diagnostics.report(error) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let journalPath = out + "/" + Self.journalName
        FileManager.default.createFile(atPath: journalPath, contents: nil)
        guard let journal = FileHandle(forWritingAtPath: journalPath) else {
            Diagnostics.write("error: cannot write '\(journalPath)'")
            throw ExitCode(74)
        }
        let paths = spec.parameters.map(\.path)
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = ProgressLine(total: points.count)
        var results: [SweepRunner.PointResult] = []
        for (index, point) in points.enumerated() {
            let parameters = try SweepRunner.parameters(base, paths: paths, values: point)
            let result = SweepRunner.run(point: index, parameters, trials: spec.trials, seed: spec.seed, threads: threadCount)
            results.append(result)
            let line = ([String(index)] + (point + result.values).map { $0.isNaN ? "" : format($0) }).joined(separator: ",") + "\n"
            journal.write(Data(line.utf8))
            try journal.synchronize()
            progress?.update(done: index + 1)
        }
        try journal.close()
        progress?.finish()

        folder.add(file: SweepTable.fileName, contents: SweepTable.csv(paths: paths, points: points, results: results))
        folder.add(file: SweepTable.longFileName, contents: SweepTable.longCSV(results: results))
        let manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: scenario.scenario.name, scenarioFile: spec.scenarioPath, scenarioSHA256: scenario.sha256,
            policy: base.policyName, seed: spec.seed, trials: spec.trials, threads: threadCount,
            startTime: startTime, endTime: Date(), commandLine: CommandLine.arguments,
            parameters: Manifest.parameters(of: base))
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        try? FileManager.default.removeItem(atPath: journalPath)
        print("\(points.count) points × \(spec.trials) trials; wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
    }
}
