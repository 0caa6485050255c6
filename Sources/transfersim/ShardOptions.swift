// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `--shard K/N` and `--resume` of `run` and `compare`: a contiguous share of the trials, run
/// crash-safely into a shard folder that `transfersim merge` combines with the others (see
/// `TrialShard`, docs/sweeps.md).
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run only shard K of N: the trials ⌊(K−1)·T/N⌋ to ⌊K·T/N⌋ − 1 of the T trials, into a shard folder for `transfersim merge`.",
        valueName: "K/N"),
            transform: SweepCommand.shard(from:))
    var shard: SweepShard?

    @Flag(help: "With --shard: continue an interrupted shard from its journal in DIR.in-progress (the same command otherwise).")
    var resume = false

    func validate(convergence: ConvergenceOptions, trials: Int) throws {
        if resume && shard == nil { throw ValidationError("--resume continues a shard: give --shard K/N (1/1 for the whole run)") }
        if shard != nil && convergence.rule(cap: trials) != nil {
            throw ValidationError("--shard needs a fixed trial count: it cannot be combined with --until-ci")
        }
    }

    /// Runs this shard of `policies` and writes its folder; prints what was done (or the JSON).
    func run(command: String, policies: [ResolvedParameters], loaded: (scenario: Scenario, sha256: String),
             source: ScenarioSource, simulation: SimulationOptions, options: [String], fundFlows: Bool,
             out: String, inputs: [String], json: Bool, manifest: (Int) -> Manifest) throws {
        guard let shard else { return }
        var folder = try CommandSupport.writableFolder(out, command: command, inputs: inputs)
        let names = policies.map(\.policyName)
        let hash = TrialShard.hash(command: command, scenarioSHA256: loaded.sha256, policies: names, options: options,
                                   seed: simulation.seed, trials: simulation.trials)
        let range = TrialShard.trials(shard, of: simulation.trials)
        let working = OutputFolder.workingFolder(for: out)
        SweepCommand.exitOnInterrupt()
        let progress = ProgressLine(total: range.count * policies.count)
        var onProgress: (@Sendable (Int) -> Void)?
        if let progress {
            let count = policies.count
            onProgress = { done in progress.update(done: done * count) }
        }
        let outcome: TrialSession.Outcome
        do throws(TrialSession.Failure) {
            outcome = try TrialSession.run(
                policies: policies, range: range, seed: simulation.seed, threads: simulation.threadCount, working: working,
                results: out, hash: hash, shard: shard.description, resume: resume, fundFlows: fundFlows, progress: onProgress)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        progress?.finish()
        guard case let .finished(rows, flows, resumed) = outcome else {
            if json {
                print(try JSONOutput.string(ShardJSON(state: "finished_already", out: out, files: [], shard: shard.description,
                                                      trials: range.count, resumedTrials: 0, totalTrials: simulation.trials,
                                                      seed: simulation.seed, sweepSHA256: hash)), terminator: "")
            } else {
                print("\(out) already holds this shard's finished results; nothing to resume.")
            }
            return
        }
        let years = Int(policies[0].centralValue("region.time.horizon_years"))
        let header = TrialShard.header(policies: names, years: years,
                                       layout: FundLayout(funds: policies[0].catalogue.funds, years: years),
                                       draws: policies.map(DrawLayout.init))
        folder.add(file: TrialShard.dataFileName, contents: TrialShard.csv(header: header, rows: rows))
        if let flows { folder.add(streamed: flows) }
        var written = manifest(simulation.trials)
        written.sweepSHA256 = hash
        written.points = simulation.trials
        written.shard = shard.description
        written.options = options.isEmpty ? nil : options
        do throws(OutputError) {
            try folder.add(manifest: written)
            try folder.commit(workingFolder: working)
        } catch {
            throw Diagnostics.report(error)
        }
        if json {
            print(try JSONOutput.string(ShardJSON(state: "finished", out: out, files: folder.fileNames, shard: shard.description,
                                                  trials: range.count, resumedTrials: resumed, totalTrials: simulation.trials,
                                                  seed: simulation.seed, sweepSHA256: hash)), terminator: "")
        } else {
            let span = range.isEmpty ? "no trials" : "trials \(range.lowerBound)–\(range.upperBound - 1)"
            print("Shard \(shard) of \(loaded.scenario.name): \(span) of \(simulation.trials)"
                  + (resumed > 0 ? " (\(resumed) from the journal)" : "") + "; wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
            print("Combine the shards with `transfersim merge DIR... --out DIR`.")
        }
    }
}

/// `run --shard --json` and `compare --shard --json`.
struct ShardJSON: Encodable {
    let state: String
    let out: String
    let files: [String]
    let shard: String
    let trials: Int
    let resumedTrials: Int
    let totalTrials: Int
    let seed: UInt64
    let sweepSHA256: String

    enum CodingKeys: String, CodingKey {
        case state, out, files, shard, trials, seed
        case resumedTrials = "resumed_trials", totalTrials = "total_trials", sweepSHA256 = "sweep_sha256"
    }
}
