// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The crash-safe record of a policy search's candidate evaluations: a `SweepJournal`
/// (`sweep.journal.csv` in the working folder) whose point is the evaluation's number and whose
/// values are the candidate's lever values, then its measures. The searches are deterministic for
/// their seed, so a resumed search asks for the same candidates in the same order, and finds the
/// journaled ones without simulating them again: the output is the same as an uninterrupted run's.
public final class CandidateJournal {
    private let journal: SweepJournal
    private let leverCount: Int
    /// Measures by lever values.
    public private(set) var known: [[Double]: [Double]] = [:]
    /// Every candidate evaluated, in evaluation order.
    public private(set) var order: [(levers: [Double], measures: [Double])] = []
    /// Candidates taken from a resumed journal.
    public let resumedCount: Int

    /// Opens the journal in `folder` (created if needed) for the search `hash`; with `resume`, a
    /// journal of the same search is continued (another search's is an error, exit 65).
    public init(folder: String, hash: String, leverCount: Int, measureCount: Int, resume: Bool) throws(SweepJournal.JournalError) {
        self.leverCount = leverCount
        let path = folder + "/" + SweepJournal.fileName
        do {
            try FileSystem.makeDirectories(folder)
        } catch {
            throw SweepJournal.JournalError("error: cannot create '\(error.path)': \(error.failure.reason)", exitCode: 73)
        }
        if resume, let contents = try SweepJournal.read(path: path, valuesPerPoint: leverCount + measureCount) {
            guard contents.sweepHash == hash else {
                throw SweepJournal.JournalError(
                    "\(path): error: the journal belongs to a different search (the spec, scenario, seed or trials differ); run without --resume to start afresh, or choose another --out")
            }
            for r in contents.results.sorted(by: { $0.point < $1.point }) {
                let levers = Array(r.values.prefix(leverCount)), measures = Array(r.values.dropFirst(leverCount))
                known[levers] = measures
                order.append((levers, measures))
            }
            journal = try SweepJournal.open(resuming: contents, path: path)
        } else {
            journal = try SweepJournal.create(path: path, sweepHash: hash, shard: "all")
        }
        resumedCount = order.count
    }

    /// Records a new evaluation.
    public func record(levers: [Double], measures: [Double]) throws(SweepJournal.JournalError) {
        try journal.append(SweepRunner.PointResult(point: order.count, values: levers + measures))
        known[levers] = measures
        order.append((levers, measures))
    }

    public func close() { journal.close() }
}
