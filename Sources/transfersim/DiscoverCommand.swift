// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim discover`: scenario discovery by PRIM over a sweep's points or trials, or a
/// run's trials — under which conditions a policy misses its target.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Scenario discovery (情景发现): where in the uncertain parameters a target is missed, by PRIM.",
        discussion: """
            Reads a finished `transfersim sweep` folder, or a `transfersim run` folder, and finds \
            where in its uncertain inputs a target is missed. The rows PRIM works on:

              a sweep with sweep_trials.csv (its scenario gives some parameter as a
                distribution, or the sweep file says trial_table: true): one row per point
                and trial; the dimensions are the design's parameters and the values each
                trial drew (draw:PATH); a row is a case when the trial's value misses the
                target, written 'converted_local >= 250' (or converted_local.mean: a
                trial's mean is its value);
              a sweep without it, or with --points: one row per point of sweep.csv; the
                dimensions are the design's parameters; the target names a statistic of
                sweep.csv: 'converted_local.mean >= 250' (mean, ci_low, ci_high, p05,
                p50, p95);
              a run: one row per trial of trials.csv; the dimensions are its drawn values.

            --when-met marks the rows that meet the target instead. PRIM (Friedman and Fisher \
            1999, as in EMA Workbench's prim.py: peeling with --peel-alpha, the lenient1 \
            objective, pasting with --paste-alpha, stopping at --mass-min) gives a trajectory of \
            ever smaller, denser boxes.

            Writes into the output folder boxes.csv (per box: coverage, density, mass, rows, \
            the restricted dimensions and every dimension's limits), boxes.svg (the \
            coverage-density trade-off) and manifest.json. --box K prints box K's limits in \
            words, in English and Chinese (default: the densest box with coverage of at least \
            --min-coverage). See docs/policy-search.md.

            Examples:
              transfersim discover out/uncertainty --target "converted_local >= 250" --box 12
              transfersim discover out/uncertainty --points --target "converted_local.mean >= 250"
            """
    )

    @Argument(help: ArgumentHelp("A finished sweep's (or run's) output folder.", valueName: "dir"))
    var sweepDir: String

    @Option(help: ArgumentHelp("The target: per trial 'converted_local >= 250'; per point a statistic of sweep.csv, 'converted_local.mean >= 250' (mean, ci_low, ci_high, p05, p50, p95).", valueName: "expr"))
    var target: String

    @Flag(help: "Use a sweep's points (sweep.csv) even when it keeps its trials (sweep_trials.csv).")
    var points = false

    @Flag(help: "Discover where the target is met, rather than missed.")
    var whenMet = false

    @Option(help: ArgumentHelp("Print this box of the trajectory in words (default: the densest box with at least --min-coverage).", valueName: "k"))
    var box: Int?

    @Option(help: ArgumentHelp("The coverage the default box must keep.", valueName: "c"))
    var minCoverage: Double = 0.5

    @Option(help: "The share of a box's rows one peel removes.")
    var peelAlpha: Double = 0.05

    @Option(help: "The share one paste adds.")
    var pasteAlpha: Double = 0.05

    @Option(help: "The smallest mass (share of all rows) a box may have.")
    var massMin: Double = 0.05

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole.", valueName: "dir"))
    var out: String = "out/discover"

    /// The target as written, and whether it names a trial's value (`metric OP x`, no statistic).
    var parsedTarget: (target: Target, perTrial: Bool) {
        get throws {
            let left = target.prefix { !"<>=!".contains($0) }
            if !left.contains("."), let op = target.firstIndex(where: { "<>=!".contains($0) }) {
                let metric = left.trimmingCharacters(in: .whitespaces)
                return (try TargetOptions.parse(metric + ".mean " + target[op...]), true)
            }
            return (try TargetOptions.parse(target), false)
        }
    }

    func validate() throws {
        let (parsed, _) = try parsedTarget
        guard parsed.policy == nil else { throw ValidationError("--target names no policy: the folder's rows run one") }
        for (name, x) in [("--peel-alpha", peelAlpha), ("--paste-alpha", pasteAlpha), ("--mass-min", massMin)] where !(x > 0 && x < 0.5) {
            throw ValidationError("\(name) must lie in (0, 0.5) (got \(x))")
        }
        if !(minCoverage >= 0 && minCoverage <= 1) { throw ValidationError("--min-coverage must lie in [0, 1]") }
    }

    func run() throws {
        let startTime = Date()
        let (goal, perTrial) = try parsedTarget
        let manifest: Manifest
        do throws(Manifest.FolderProblem) {
            // A merged sweep's folder is a `merge`'s (merged shards of a run are a `run`'s).
            manifest = try Manifest.verifiedFolder(sweepDir, kinds: ["sweep", "merge", "run"])
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        let data: DiscoveryData
        do throws(DiscoveryData.Problem) {
            data = try DiscoveryData.load(folder: sweepDir, kind: manifest.command ?? "sweep", metric: goal.metric,
                                          statistic: goal.statistic.rawValue, points: points)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        // The target must fit the rows: a trial's value, or a statistic of the point's trials.
        let shown: String
        switch data.rows {
        case .trials:
            guard goal.statistic == .mean else {
                Diagnostics.write("error: --target \(goal.description): \(data.file) has one row per trial, whose value is compared as it is; write '\(goal.metric.name) \(goal.comparison.rawValue) \(format(goal.threshold))'" + (manifest.command == "sweep" ? ", or give --points for the points' statistics" : ""))
                throw ExitCode.validationFailure
            }
            shown = "\(goal.metric.name) \(goal.comparison.rawValue) \(format(goal.threshold))"
        case .points:
            guard !perTrial, SweepRunner.statistics.contains(goal.statistic.rawValue) else {
                Diagnostics.write("error: --target: \(data.file) has one row per point: name a statistic it keeps (\(SweepRunner.statistics.joined(separator: ", "))), e.g. '\(goal.metric.name).mean \(goal.comparison.rawValue) \(format(goal.threshold))'")
                throw ExitCode.validationFailure
            }
            shown = goal.description
        }
        let x = data.x, dimensions = data.dimensions, rows = data.rows.words
        let y = data.outcome.map { goal.holds($0) == whenMet }
        var options = PRIM.Options()
        options.peelAlpha = peelAlpha
        options.pasteAlpha = pasteAlpha
        options.massMin = massMin
        let boxes: [PRIM.Box]
        do throws(PRIM.Problem) {
            boxes = try PRIM.trajectory(x: x, y: y, options: options)
        } catch {
            Diagnostics.write("error: \(error.description) (\(y.count) \(rows.english), target \(shown))")
            throw ExitCode.failure
        }
        if let box, !(0..<boxes.count).contains(box) {
            Diagnostics.write("error: --box \(box): the trajectory has boxes 0 to \(boxes.count - 1)")
            throw ExitCode.validationFailure
        }
        var folder = try CommandSupport.writableFolder(out, command: "discover", inputs: [sweepDir])
        folder.add(file: DiscoveryTables.boxesFileName, contents: DiscoveryTables.boxesCSV(dimensions: dimensions, boxes: boxes))
        let condition = whenMet
            ? (english: "the target \(shown) is met", chinese: "达到目标 \(shown)")
            : (english: "the target \(shown) is missed", chinese: "未达到目标 \(shown)")
        folder.add(file: "boxes.svg", contents: PeelingTrajectoryChart(
            title: "Coverage against density 覆盖率与密度: \(rows.english) where \(condition.english)", boxes: boxes).svg())
        var written = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(), scenarioName: manifest.scenarioName,
            scenarioFile: manifest.scenarioFile, scenarioSHA256: manifest.scenarioSHA256, policy: manifest.policy,
            seed: manifest.seed, trials: manifest.trials, threads: 1, startTime: startTime, endTime: Date(),
            commandLine: CommandLine.arguments, parameters: manifest.parameters, targets: [shown])
        written.points = y.count
        do throws(OutputError) {
            try folder.add(manifest: written)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let chosen = box ?? boxes.indices.filter { boxes[$0].coverage >= minCoverage }.max {
            (boxes[$0].density, -$0) < (boxes[$1].density, -$1) } ?? 0
        let lowest = (0..<dimensions.count).map { j in x.map { $0[j] }.min()! }
        let highest = (0..<dimensions.count).map { j in x.map { $0[j] }.max()! }
        let words = DiscoveryTables.describe(boxes[chosen], index: chosen, dimensions: dimensions, lowest: lowest, highest: highest,
                                             condition: condition, rows: rows)
        print("\(y.filter { $0 }.count) of \(y.count) \(rows.english): \(condition.english) (\(condition.chinese)). PRIM trajectory of \(boxes.count) boxes.")
        print(words.english)
        print(words.chinese)
        print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
    }
}
