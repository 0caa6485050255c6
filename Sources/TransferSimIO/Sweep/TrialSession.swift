// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The crash-safe run of a shard of trials (`run --shard`, `compare --shard`) into a working
/// folder, on the sweep's session and journal: trials run in blocks, each spread over the threads;
/// after each block its `fund_flows.csv` rows (if asked for) are flushed to disk and then its
/// trials are journaled with one flush, so a shard killed at any moment resumes (`--resume`) from
/// its last journaled trial and writes the same bytes.
public enum TrialSession {
    /// What a session did.
    public enum Outcome {
        /// `--resume` found this shard's finished results in the results folder.
        case finishedAlready
        /// Every trial of the range is done: its rows (in trial order), the finished flows file (or
        /// `nil`), and how many trials came from the journal.
        case finished(rows: [SweepRunner.PointResult], flows: StreamedFile?, resumed: Int)
    }

    /// A session's failure, with its exit code (65 foreign or corrupt journal, 73/74 I/O).
    public typealias Failure = SweepJournal.JournalError

    /// Runs trials `range` of each of `policies` (side by side in each row, see
    /// `TrialShard.rows`) in `working` for the results folder `results`, journaling them; with
    /// `resume`, keeps the trials a journal of the same run (`hash`) and shard already holds. With
    /// `fundFlows` (one policy), streams the trials' monthly fund flows into `fund_flows.csv`.
    public static func run(policies: [ResolvedParameters], range: Range<Int>, seed: UInt64, threads: Int,
                           working: String, results: String, hash: String, shard: String, resume: Bool, fundFlows: Bool,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(Failure) -> Outcome {
        precondition(!policies.isEmpty && (!fundFlows || policies.count == 1))
        let years = Int(policies[0].centralValue("region.time.horizon_years"))
        let layout = FundLayout(funds: policies[0].catalogue.funds, years: years)
        // With fund flows, each journaled trial also records where its rows end in fund_flows.csv.
        let width = policies.map { RunResult.trialWidth(years: years, layout: layout, draws: DrawLayout($0)) }.reduce(0, +)
            + (fundFlows ? 1 : 0)
        let session: SweepSession
        switch try SweepSession.start(folder: working, results: results, hash: hash, shard: shard, selected: Array(range),
                                      valuesPerPoint: width, resume: resume) {
        case .finishedAlready: return .finishedAlready
        case let .ready(started): session = started
        }
        defer { session.close() }
        // Blocks are journaled in trial order, so the journal holds a first stretch of the range
        // (perhaps a few trials more from a torn block): the run goes on from the first trial missing.
        let journaled = session.finished
        var next = range.first { journaled[$0] == nil } ?? range.upperBound
        let flowsPath = OutputFolder.join(working, FundTables.flowsFileName)
        func flowsEnd(_ trial: Int) -> Int { Int(journaled[trial]!.values.last!) }
        if fundFlows {
            // Only trials whose rows are all in the file are kept (the file may have lost a tail).
            let size = (try? FileManager.default.attributesOfItem(atPath: flowsPath)[.size] as? Int) ?? 0
            while next > range.lowerBound, flowsEnd(next - 1) > size { next -= 1 }
        }
        session.forget(next..<range.upperBound)
        let resumed = next - range.lowerBound
        let flows: StreamedFile?
        do throws(OutputError) {
            flows = fundFlows ? try flowsFile(in: working, keeping: resumed > 0 ? flowsEnd(next - 1) : nil) : nil
        } catch {
            throw Failure(error.description, exitCode: error.exitCode)
        }
        if resumed > 0 { progress?(resumed) }
        let block = Simulation.blockTrials(threads: threads)
        var start = next
        while start < range.upperBound {
            let configuration = RunConfiguration(trials: min(block, range.upperBound - start), seed: seed, threads: threads,
                                                 firstTrial: start, fundFlows: fundFlows)
            var blockProgress: (@Sendable (Int) -> Void)?
            if let progress {
                let done = start - range.lowerBound
                blockProgress = { count in progress(done + count) }
            }
            let blockResults = policies.map { Simulation.run($0, configuration, progress: blockProgress) }
            var rows = TrialShard.rows(blockResults)
            if let flows {
                do throws(OutputError) {
                    for local in 0..<configuration.trials {
                        try flows.write(String(FundTables.flowsRows(blockResults[0], trial: local)))
                        rows[local] = SweepRunner.PointResult(point: rows[local].point, values: rows[local].values + [Double(flows.size)])
                    }
                    // On disk before the journal says the trials are done.
                    try flows.flush()
                } catch {
                    throw Failure(error.description, exitCode: error.exitCode)
                }
            }
            try session.record(rows)
            start += configuration.trials
        }
        do throws(OutputError) {
            try flows?.close()
        } catch {
            throw Failure(error.description, exitCode: error.exitCode)
        }
        let finished = session.finished
        let rows = range.map { finished[$0]! }.map {
            fundFlows ? SweepRunner.PointResult(point: $0.point, values: Array($0.values.dropLast())) : $0
        }
        return .finished(rows: rows, flows: flows, resumed: resumed)
    }

    /// Runs `configuration` (a whole run, unsharded) in blocks, writing each block's fund flows into
    /// `fund_flows.csv` in `working` (the results folder's working folder, created here) in trial
    /// order as the block finishes, so memory stays bounded by one block; the file is the same for
    /// any thread count. On failure the working folder is removed.
    public static func streamingFlows(_ resolved: ResolvedParameters, _ configuration: RunConfiguration, working: String,
                                      progress: (@Sendable (Int) -> Void)?) throws(OutputError) -> (RunResult, StreamedFile) {
        do throws(OutputError) {
            do {
                try FileSystem.makeDirectories(working)
            } catch {
                throw OutputError.cannotCreate(path: error.path, reason: error.failure.reason)
            }
            let flows = try flowsFile(in: working)
            let result = try Simulation.runInBlocks(resolved, configuration, blockTrials: Simulation.blockTrials(threads: configuration.threads),
                                                    progress: progress) { (block) throws(OutputError) in
                for local in 0..<block.trials { try flows.write(String(FundTables.flowsRows(block, trial: local))) }
            }
            try flows.close()
            return (result, flows)
        } catch {
            try? FileManager.default.removeItem(atPath: working)
            throw error
        }
    }

    /// `fund_flows.csv` in `working`: new, with its header; or, resuming, the file so far cut to
    /// its first `keeping` bytes (the rows of the trials kept from the journal).
    static func flowsFile(in working: String, keeping: Int? = nil) throws(OutputError) -> StreamedFile {
        if let keeping { return try StreamedFile(resuming: FundTables.flowsFileName, in: working, keeping: keeping) }
        let file = try StreamedFile(name: FundTables.flowsFileName, in: working)
        try file.write(FundTables.flowsHeader.joined(separator: ",") + "\n")
        return file
    }
}
