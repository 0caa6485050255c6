// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// The sharded route of `optimise` (`--emit-design`, `--import`; docs/policy-search.md, "Across
/// machines"): reading the imported sweeps, writing the design of the candidates the search needs.
extension OptimiseCommand {
    /// The evaluations of `--import`'s sweep folders (`nil` without any).
    func importedEvaluations(paths: [String], goal: SearchGoal, scenarioSHA256: String, policy: String, seed: UInt64) throws
        -> SearchDesign.Supply? {
        guard !imports.isEmpty else { return nil }
        var sets: [SearchDesign.Evaluations] = []
        for folder in imports {
            do throws(SearchDesign.Problem) {
                sets.append(try SearchDesign.read(folder: folder, paths: paths, metrics: goal.metrics, scenarioSHA256: scenarioSHA256,
                                                  policy: policy, seed: seed))
            } catch {
                Diagnostics.write("error: --import \(error.description)")
                throw ExitCode(error.exitCode)
            }
        }
        return SearchDesign.Supply(imported: sets, goal: goal)
    }

    /// Says which imported folders the search took nothing from (another search's, or a step
    /// already in the journal).
    func noteUnused(_ supply: SearchDesign.Supply?) {
        for folder in supply?.unused ?? [] {
            Diagnostics.write("note: --import \(folder): the search took none of its candidates (they are in the journal already, or it evaluated other candidates or trials)")
        }
    }

    /// Writes the candidates the search needs into the `--emit-design` folder as a sweep, and
    /// says how to go on.
    func writeDesign(_ needed: SearchDesign.Needed, paths: [String], search: OptimiseSpec, base: ResolvedParameters,
                     loaded: (scenario: Scenario, sha256: String), sourceFile: String?, startTime: Date, threads: Int,
                     evaluated: Int) throws {
        guard let next = emitDesign else { return }
        var folder = try CommandSupport.writableFolder(
            next, command: "optimise", inputs: [spec, sourceFile, out, OutputFolder.workingFolder(for: out)].compactMap { $0 })
        let scenarioName: String
        if let sourceFile {
            scenarioName = SearchDesign.path(of: sourceFile, from: next)
        } else {
            // The bundled default has no file to name: its text goes with the design.
            scenarioName = SearchDesign.scenarioFileName
            folder.add(file: SearchDesign.scenarioFileName, contents: BundledScenarios.defaultYAML)
        }
        folder.add(file: SearchDesign.sweepFileName, contents: SearchDesign.sweepText(
            needed: needed, scenario: scenarioName, policy: search.policy, seed: search.seed, spec: spec ?? ""))
        folder.add(file: SearchDesign.designFileName, contents: SearchDesign.designCSV(paths: paths, candidates: needed.candidates))
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: loaded.scenario.name, scenarioFile: sourceFile, scenarioSHA256: loaded.sha256,
            policy: base.policyName, seed: search.seed, trials: needed.trials, threads: threads, startTime: startTime, endTime: Date(),
            commandLine: CommandLine.arguments, parameters: Manifest.parameters(of: base))
        manifest.points = needed.candidates.count
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit()
        } catch {
            throw Diagnostics.report(error)
        }
        let sweepFile = (next.hasSuffix("/") ? next : next + "/") + SearchDesign.sweepFileName
        let trials = "trials \(needed.firstTrial)–\(needed.firstTrial + needed.trials - 1)"
        let count = needed.candidates.count == 1 ? "1 candidate" : "\(needed.candidates.count) candidates"
        print("\(needed.step): \(count) to evaluate on \(trials) (\(evaluated) evaluated so far); wrote \(folder.fileNames.joined(separator: ", ")) to \(next).")
        print("Evaluate them as a sweep, on one machine or N (K = 1…N), and merge the shards:")
        print("  transfersim sweep \(sweepFile) --shard K/N --out SHARDS/K")
        print("  transfersim merge SHARDS/1 … SHARDS/N --out MERGED")
        print("then go on with the same command and the merged folder:")
        print("  transfersim optimise \(spec ?? "SPEC") --out \(out) --emit-design \(next) --import MERGED")
    }
}
