// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim discover`: scenario discovery by PRIM over a sweep's points — under which
/// conditions a policy misses its target.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Scenario discovery (情景发现): where in a sweep's uncertain parameters a target is missed, by PRIM.",
        discussion: """
            Reads SWEEP_DIR/sweep.csv (a finished `transfersim sweep` folder): its parameter \
            columns are the dimensions, and a point is a case of interest when it MISSES the \
            target (--target 'converted_local.mean >= 250' marks the points whose mean is below \
            250; --when-met marks those that meet it instead). PRIM (Friedman and Fisher 1999, \
            as in EMA Workbench's prim.py: peeling with --peel-alpha, the lenient1 objective, \
            pasting with --paste-alpha, stopping at --mass-min) gives a trajectory of ever \
            smaller, denser boxes.

            Writes into the output folder boxes.csv (per box: coverage, density, mass, rows, \
            the restricted dimensions and every dimension's limits), boxes.svg (the \
            coverage-density trade-off) and manifest.json. --box K prints box K's limits in \
            words, in English and Chinese (default: the densest box with coverage of at least \
            --min-coverage). See docs/policy-search.md.

            Example:
              transfersim discover out/uncertainty --target "converted_local.mean >= 250" --box 12
            """
    )

    @Argument(help: ArgumentHelp("A finished sweep's output folder.", valueName: "sweep-dir"))
    var sweepDir: String

    @Option(help: ArgumentHelp("The target, e.g. 'converted_local.mean >= 250' (statistics of sweep.csv: mean, ci_low, ci_high, p05, p50, p95).", valueName: "expr"))
    var target: String

    @Flag(help: "Discover where the target is met, rather than missed.")
    var whenMet = false

    @Option(help: ArgumentHelp("Print this box of the trajectory in words (default: the densest box with at least --min-coverage).", valueName: "k"))
    var box: Int?

    @Option(help: ArgumentHelp("The coverage the default box must keep.", valueName: "c"))
    var minCoverage: Double = 0.5

    @Option(help: "The share of a box's points one peel removes.")
    var peelAlpha: Double = 0.05

    @Option(help: "The share one paste adds.")
    var pasteAlpha: Double = 0.05

    @Option(help: "The smallest mass (share of all points) a box may have.")
    var massMin: Double = 0.05

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole.", valueName: "dir"))
    var out: String = "out/discover"

    func validate() throws {
        let parsed = try TargetOptions.parse(target)
        guard parsed.policy == nil, SweepRunner.statistics.contains(parsed.statistic.rawValue) else {
            throw ValidationError("--target: a sweep keeps \(SweepRunner.statistics.joined(separator: ", ")) per point and names no policy")
        }
        for (name, x) in [("--peel-alpha", peelAlpha), ("--paste-alpha", pasteAlpha), ("--mass-min", massMin)] where !(x > 0 && x < 0.5) {
            throw ValidationError("\(name) must lie in (0, 0.5) (got \(x))")
        }
        if !(minCoverage >= 0 && minCoverage <= 1) { throw ValidationError("--min-coverage must lie in [0, 1]") }
    }

    func run() throws {
        let startTime = Date()
        let goal = try TargetOptions.parse(target)
        let manifest: Manifest
        do throws(Manifest.FolderProblem) {
            manifest = try Manifest.verifiedFolder(sweepDir, kinds: ["sweep"])
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        let file = sweepDir + "/" + SweepTable.fileName
        let text: String
        do throws(ScenarioError) { text = try InputFile.text(file, kind: "sweep table") } catch { throw Diagnostics.report(error) }
        let rows = CSVReader.rows(text).filter { $0 != [""] }
        let header = rows.first ?? []
        let firstMetric = header.firstIndex { $0.hasSuffix(".mean") } ?? header.count
        let dimensions = Array(header[1..<max(1, firstMetric)])
        guard let column = header.firstIndex(of: goal.metric.name + "." + goal.statistic.rawValue), !dimensions.isEmpty else {
            Diagnostics.write("\(file): error: no column '\(goal.key)' or no parameter columns")
            throw ExitCode(65)
        }
        var x: [[Double]] = [], y: [Bool] = []
        for (i, row) in rows.dropFirst().enumerated() {
            let values = row.map { Double($0) ?? .nan }
            guard values.count == header.count, values[1..<firstMetric].allSatisfy(\.isFinite) else {
                Diagnostics.write("\(file):\(i + 2): error: expected \(header.count) cells with numbers in the parameter columns")
                throw ExitCode(65)
            }
            x.append(Array(values[1..<firstMetric]))
            y.append(goal.holds(values[column]) == whenMet)
        }
        var options = PRIM.Options()
        options.peelAlpha = peelAlpha
        options.pasteAlpha = pasteAlpha
        options.massMin = massMin
        let boxes: [PRIM.Box]
        do throws(PRIM.Problem) {
            boxes = try PRIM.trajectory(x: x, y: y, options: options)
        } catch {
            Diagnostics.write("error: \(error.description) (\(y.count) points, target \(goal.description))")
            throw ExitCode.failure
        }
        if let box, !(0..<boxes.count).contains(box) {
            Diagnostics.write("error: --box \(box): the trajectory has boxes 0 to \(boxes.count - 1)")
            throw ExitCode.validationFailure
        }
        var folder = try CommandSupport.writableFolder(out, command: "discover", inputs: [sweepDir])
        folder.add(file: DiscoveryTables.boxesFileName, contents: DiscoveryTables.boxesCSV(dimensions: dimensions, boxes: boxes))
        let condition = whenMet
            ? (english: "the target \(goal.description) is met", chinese: "达到目标 \(goal.description)")
            : (english: "the target \(goal.description) is missed", chinese: "未达到目标 \(goal.description)")
        folder.add(file: "boxes.svg", contents: PeelingTrajectoryChart(
            title: "Coverage against density 覆盖率与密度: points where \(condition.english)", boxes: boxes).svg())
        var written = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(), scenarioName: manifest.scenarioName,
            scenarioFile: manifest.scenarioFile, scenarioSHA256: manifest.scenarioSHA256, policy: manifest.policy,
            seed: manifest.seed, trials: manifest.trials, threads: 1, startTime: startTime, endTime: Date(),
            commandLine: CommandLine.arguments, parameters: manifest.parameters, targets: [goal.description])
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
                                             condition: condition)
        print("\(y.filter { $0 }.count) of \(y.count) points: \(condition.english) (\(condition.chinese)). PRIM trajectory of \(boxes.count) boxes.")
        print(words.english)
        print(words.chinese)
        print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
    }
}
