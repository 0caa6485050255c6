// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import Synchronization
import TransferSimCore

/// The crash-safe evaluation of a design's points into an output folder, shared by `sweep` and
/// `sensitivity`: opens a fresh journal (or, with `resume`, keeps a matching journal's points),
/// evaluates the points not yet journaled, and journals each as it finishes (see `SweepJournal`).
///
/// Points may be evaluated several at a time (`concurrentPoints`); each point's result depends
/// only on the point, so the results are the same for any concurrency and order of completion.
public final class SweepSession: @unchecked Sendable {
    // @unchecked: `journal`, `finished`, `done` and `failure` are touched only under `lock`.
    /// How a session starts.
    public enum Start {
        /// The folder already holds this design's finished output (`--resume` after completion).
        case finishedAlready
        /// Ready to evaluate the points not yet in `finished`.
        case ready(SweepSession)
    }

    /// The journal's path in the output folder.
    public let journalPath: String
    /// The number of points kept from a resumed journal.
    public let resumedCount: Int
    private let journal: SweepJournal
    private let lock = NSLock()
    private var results: [Int: SweepRunner.PointResult]
    private var done: Int
    private var failure: (any Error)?

    private init(journal: SweepJournal, finished: [Int: SweepRunner.PointResult]) {
        self.journal = journal
        self.journalPath = journal.path
        self.results = finished
        self.resumedCount = finished.count
        self.done = finished.count
    }

    /// The finished points (journaled ones included).
    public var finished: [Int: SweepRunner.PointResult] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }

    /// Starts a session in the working folder `folder` (created if needed; see
    /// `OutputFolder.workingFolder(for:)`) for the design identified by `hash` and shard `shard`
    /// (`K/N` or `all`), whose points `selected` this run evaluates, each with `valuesPerPoint`
    /// values. With `resume`, a journal of the same design and shard is continued (a different one
    /// is an error, exit 65), and when there is none but `results` already holds this design's
    /// verified results the session is `.finishedAlready`; without `resume`, a fresh journal
    /// replaces any.
    public static func start(folder: String, results: String, hash: String, shard: String, selected: [Int],
                             valuesPerPoint: Int, resume: Bool) throws(SweepJournal.JournalError) -> Start {
        let journalPath = folder + "/" + SweepJournal.fileName
        if resume, let contents = try SweepJournal.read(path: journalPath, valuesPerPoint: valuesPerPoint) {
            guard contents.sweepHash == hash else {
                throw SweepJournal.JournalError(
                    "\(journalPath): error: the journal belongs to a different sweep (the sweep file, scenario, seed or trials differ); run without --resume to start afresh, or choose another --out")
            }
            guard contents.shard == shard else {
                throw SweepJournal.JournalError("\(journalPath): error: the journal is of shard \(contents.shard), this run is shard \(shard)")
            }
            let wanted = Set(selected)
            var finished: [Int: SweepRunner.PointResult] = [:]
            for result in contents.results {
                guard wanted.contains(result.point) else {
                    throw SweepJournal.JournalError("\(journalPath): error: the journal holds point \(result.point), which this sweep does not have")
                }
                finished[result.point] = result
            }
            return .ready(SweepSession(journal: try SweepJournal.open(resuming: contents, path: journalPath), finished: finished))
        }
        if resume, isComplete(folder: results, hash: hash, shard: shard) { return .finishedAlready }
        do {
            try FileSystem.makeDirectories(folder)
        } catch {
            throw SweepJournal.JournalError("error: cannot create '\(error.path)': \(error.failure.reason)", exitCode: 73)
        }
        return .ready(SweepSession(journal: try SweepJournal.create(path: journalPath, sweepHash: hash, shard: shard), finished: [:]))
    }

    /// Whether `folder` holds the finished, unaltered output of the design `hash` (and shard).
    public static func isComplete(folder: String, hash: String, shard: String) -> Bool {
        guard let manifest = try? Manifest.verifiedFolder(folder, kinds: ["sweep", "sensitivity", "run", "compare"]) else { return false }
        return manifest.sweepSHA256 == hash && (manifest.shard ?? "all") == shard
    }

    /// Evaluates every point of `selected` not yet finished, `concurrentPoints` at a time, journaling
    /// each result as it comes; `progress` gets the number of points done (resumed ones included).
    /// Stops taking new points at the first failure (of `evaluate`, or a `SweepJournal.JournalError`)
    /// and throws it; the points journaled until then are kept for `--resume`.
    public func run(_ selected: [Int], concurrentPoints: Int, progress: (@Sendable (Int) -> Void)? = nil,
                    evaluate: @escaping @Sendable (Int) throws -> SweepRunner.PointResult) throws {
        let known = finished
        let pending = selected.filter { known[$0] == nil }
        let next = Atomic<Int>(0)
        let workers = max(1, min(concurrentPoints, pending.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < pending.count, !self.failed else { return }
                do {
                    self.record(try evaluate(pending[i]), progress: progress)
                } catch {
                    self.fail(error)
                }
            }
        }
        if let failure { throw failure }
    }

    private var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    private func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    private func record(_ result: SweepRunner.PointResult, progress: (@Sendable (Int) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do throws(SweepJournal.JournalError) {
            try journal.append(result)
        } catch {
            failure = error
            return
        }
        results[result.point] = result
        done += 1
        progress?(done)
    }

    /// Journals points finished together (a block of a run's trials, evaluated by the caller)
    /// with one flush to disk; a point journaled before is replaced by the new result.
    public func record(_ batch: [SweepRunner.PointResult], progress: (@Sendable (Int) -> Void)? = nil) throws(SweepJournal.JournalError) {
        lock.lock()
        defer { lock.unlock() }
        try journal.append(contentsOf: batch)
        for result in batch {
            if results.updateValue(result, forKey: result.point) == nil { done += 1 }
        }
        progress?(done)
    }

    /// Forgets finished points (journaled ones included) so that they are evaluated and recorded
    /// again: a run's trials after the first one missing from its journal.
    public func forget(_ points: some Sequence<Int>) {
        lock.lock()
        defer { lock.unlock() }
        for point in points where results.removeValue(forKey: point) != nil { done -= 1 }
    }

    /// Closes the journal; call before writing the output folder.
    public func close() { journal.close() }

    /// Removes the journal. (A finished run needs not call it: committing the working folder as
    /// the results folder leaves only the tables and the manifest.)
    public func removeJournal() { try? FileManager.default.removeItem(atPath: journalPath) }
}
