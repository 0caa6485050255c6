// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimIO

/// `transfersim merge`: combines the output folders of `sweep --shard K/N` runs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the output folders of a sharded sweep, run or compare into one, byte-identical to an unsharded run.",
        discussion: """
            Each folder must be a finished `sweep --shard K/N` output (or a whole sweep), or a \
            finished `run --shard K/N` or `compare --shard K/N` output (every shard of that run; \
            the merged folder is the unsharded run's, every table computed over all trials), \
            complete and unaltered as its manifest.json lists it. The \
            folders must come from the same sweep file (or command and options), scenario, \
            policies, trials, seed and tool version (their manifests record these) and hold \
            every point (or trial) exactly once; otherwise the first difference is named, \
            nothing is written and the exit status is 65 (66 when a folder is missing). --out \
            must be a new or empty folder or an earlier results folder (replaced whole), and \
            not one of the shards (exit 64).
            """
    )

    @Argument(help: ArgumentHelp("The shards' output folders.", valueName: "dir"))
    var folders: [String]

    @Option(help: ArgumentHelp("The merged output folder: new, empty, or an earlier results folder (replaced whole); not one of the shards.", valueName: "dir"))
    var out: String

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() throws {
        if let first = folders.first, TrialShard.isTrialShard(first) { return try mergeTrials() }
        var folder = try CommandSupport.writableFolder(out, command: "merge", inputs: folders)
        let merged: SweepMerge.Merged
        do throws(SweepMerge.MergeError) {
            merged = try SweepMerge.merge(folders: folders)
        } catch {
            Diagnostics.write("error: \(error.description)")
            throw ExitCode(error.exitCode)
        }
        folder.add(file: SweepTable.fileName, contents: merged.sweepCSV)
        folder.add(file: SweepTable.longFileName, contents: merged.longCSV)
        if let trials = merged.trialsCSV { folder.add(file: SweepTable.trialsFileName, contents: trials) }
        var manifest = merged.manifest
        manifest.commandLine = CommandLine.arguments
        folder.addMetricDictionary()
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let points = manifest.points ?? 0
        if json {
            struct Report: Encodable {
                let out: String
                let shards: Int
                let points: Int
                let files: [String]
                let sweep_sha256: String?
                let seed: UInt64
            }
            print(try JSONOutput.string(Report(out: out, shards: folders.count, points: points, files: folder.fileNames,
                                               sweep_sha256: manifest.sweepSHA256, seed: manifest.seed)), terminator: "")
        } else {
            print("Merged \(folders.count) folders, \(points) points; wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
        }
    }

    /// Merges shards of `run` or `compare` into the folder the unsharded command writes.
    private func mergeTrials() throws {
        _ = try CommandSupport.writableFolder(out, command: "merge", inputs: folders)
        let merged: TrialShard.Merged
        do throws(SweepMerge.MergeError) {
            merged = try TrialShard.merge(folders: folders)
        } catch {
            Diagnostics.write("error: \(error.description)")
            throw ExitCode(error.exitCode)
        }
        var folder = OutputFolder(path: out, command: merged.command)
        var manifest = merged.manifest
        manifest.commandLine = CommandLine.arguments
        if merged.command == "run" {
            RunOutputs.stage(merged.results[0].result, into: &folder)
            if let flows = merged.fundFlowsCSV { folder.add(file: FundTables.flowsFileName, contents: flows) }
        } else {
            CompareOutputs.stage(merged.results, interactions: merged.options.contains("--interactions"), into: &folder)
        }
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let trials = merged.results.first?.result.trials ?? 0
        if json {
            struct Report: Encodable {
                let out: String
                let shards: Int
                let trials: Int
                let files: [String]
                let seed: UInt64
            }
            print(try JSONOutput.string(Report(out: out, shards: folders.count, trials: trials, files: folder.fileNames,
                                               seed: manifest.seed)), terminator: "")
        } else {
            print("Merged \(folders.count) shards of \(merged.command), \(trials) trials; wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
        }
    }
}
