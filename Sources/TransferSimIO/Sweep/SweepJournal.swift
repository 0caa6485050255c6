// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The crash-safe record of a sweep's finished points, `sweep.journal.csv` in the output folder.
///
/// The first line identifies the sweep: `# transfersim sweep journal v1,<sweep hash>,<shard>`
/// (see `SweepJournal.sweepHash`; the shard is `K/N`, or `all`). Each further line is one
/// finished point: `point,<values>`, the values of `SweepRunner.PointResult` in
/// `sweep.csv` column order, numbers in shortest round-trip form (empty for undefined), so that
/// reading them back gives the same `Double`s. Lines are appended whole and flushed to disk
/// (`fsync`) one by one, so a process killed at any moment leaves complete lines plus at most one
/// torn last line, which `read` ignores and `open(resuming:)` cuts off before appending.
public final class SweepJournal {
    /// The journal's name in the output folder.
    public static let fileName = "sweep.journal.csv"
    static let magic = "# transfersim sweep journal v1"

    /// What a journal holds.
    public struct Contents: Sendable, Equatable {
        public let sweepHash: String
        public let shard: String
        /// The finished points, in the order they were journaled (one per point).
        public let results: [SweepRunner.PointResult]
        /// The bytes up to the end of the last complete line.
        public let validLength: Int
    }

    /// A journal that cannot be used: unreadable, corrupt, or from another sweep.
    public struct JournalError: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// 65 for a journal that does not belong to this sweep or is corrupt, 74 for an I/O failure.
        public let exitCode: Int32
        public init(_ description: String, exitCode: Int32 = 65) {
            self.description = description
            self.exitCode = exitCode
        }
    }

    /// The identity of a sweep, which a journal and a shard's manifest record: SHA-256 over the
    /// sweep file's text, the scenario's text (or design file's) and the effective seed and trials.
    public static func sweepHash(parts: [String], seed: UInt64, trials: Int) -> String {
        var hash = SHA256()
        hash.update(Array("transfersim sweep v1\n".utf8))
        for part in parts {
            hash.update(Array("\(part.utf8.count)\n".utf8))
            hash.update(Array(part.utf8))
        }
        hash.update(Array("seed \(seed)\ntrials \(trials)\n".utf8))
        return SHA256.hex(of: hash.finalize())
    }

    /// Reads the journal at `path`; `nil` when there is none (or not even its first line is
    /// complete). `valuesPerPoint` is the number of values each line must carry.
    public static func read(path: String, valuesPerPoint: Int) throws(JournalError) -> Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("cannot read the journal '\(path)'", exitCode: 66)
        }
        let bytes = [UInt8](data)
        guard let lastNewline = bytes.lastIndex(of: 0x0A) else { return nil }
        let complete = String(decoding: bytes[...lastNewline], as: UTF8.self)
        var lines = complete.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // after the final newline
        let head = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
        guard head.count == 3, head[0] == magic else {
            throw JournalError("'\(path)' is not a sweep journal (its first line is not '\(magic),…')")
        }
        var results: [SweepRunner.PointResult] = []
        var seen: Set<Int> = []
        for (offset, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == valuesPerPoint + 1, let point = Int(fields[0]), point >= 0 else {
                throw JournalError("\(path):\(offset + 2): error: corrupt journal line (expected a point and \(valuesPerPoint) values)")
            }
            var values: [Double] = []
            values.reserveCapacity(valuesPerPoint)
            for field in fields.dropFirst() {
                if field.isEmpty { values.append(.nan); continue }
                guard let x = Double(field) else {
                    throw JournalError("\(path):\(offset + 2): error: corrupt journal line ('\(field)' is not a number)")
                }
                values.append(x)
            }
            if seen.insert(point).inserted { results.append(SweepRunner.PointResult(point: point, values: values)) }
        }
        return Contents(sweepHash: String(head[1]), shard: String(head[2]), results: results,
                        validLength: lastNewline + 1)
    }

    private let handle: FileHandle
    /// Where the journal is.
    public let path: String

    private init(path: String, handle: FileHandle) {
        self.path = path
        self.handle = handle
    }

    /// Starts a new, empty journal at `path` (replacing any) for the sweep `sweepHash`.
    public static func create(path: String, sweepHash: String, shard: String) throws(JournalError) -> SweepJournal {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw JournalError("cannot write the journal '\(path)'", exitCode: 74)
        }
        let journal = SweepJournal(path: path, handle: handle)
        try journal.appendLine("\(magic),\(sweepHash),\(shard)\n")
        return journal
    }

    /// Reopens the journal `contents` was read from for appending, first cutting off a torn last line.
    public static func open(resuming contents: Contents, path: String) throws(JournalError) -> SweepJournal {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw JournalError("cannot write the journal '\(path)'", exitCode: 74)
        }
        do {
            try handle.truncate(atOffset: UInt64(contents.validLength))
            try handle.seekToEnd()
        } catch {
            throw JournalError("cannot write the journal '\(path)': \(error.localizedDescription)", exitCode: 74)
        }
        return SweepJournal(path: path, handle: handle)
    }

    /// The journal line of one finished point.
    public static func line(_ result: SweepRunner.PointResult) -> String {
        ([String(result.point)] + result.values.map { $0.isNaN ? "" : format($0) }).joined(separator: ",") + "\n"
    }

    /// Appends one finished point and flushes it to disk.
    public func append(_ result: SweepRunner.PointResult) throws(JournalError) {
        try appendLine(Self.line(result))
    }

    /// Appends points finished together (a block of a run's trials) with one flush to disk.
    public func append(contentsOf results: [SweepRunner.PointResult]) throws(JournalError) {
        try appendLine(results.map(Self.line).joined())
    }

    private func appendLine(_ line: String) throws(JournalError) {
        do {
            try handle.write(contentsOf: Data(line.utf8))
            try handle.synchronize()
        } catch {
            throw JournalError("cannot write the journal '\(path)': \(error.localizedDescription)", exitCode: 74)
        }
    }

    /// Closes the file.
    public func close() {
        try? handle.close()
    }
}
