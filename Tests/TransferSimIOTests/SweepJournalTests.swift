// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

@Suite struct SweepJournalTests {
    @Test func roundTripsValuesAndIgnoresATornLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = SweepRunner.PointResult(point: 3, values: [0.1, .nan, 1e-07, 1500])
        let b = SweepRunner.PointResult(point: 0, values: [2.5, 3, -0.25, .infinity])
        let journal = try SweepJournal.create(path: path, sweepHash: "abc", shard: "all")
        try journal.append(a)
        try journal.append(b)
        journal.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("7,1.5,2".utf8))  // torn
        try handle.close()
        let contents = try #require(try SweepJournal.read(path: path, valuesPerPoint: 4))
        #expect(contents.sweepHash == "abc" && contents.shard == "all")
        #expect(contents.results.map(\.point) == [3, 0])
        #expect(contents.results[0].values[0] == 0.1 && contents.results[0].values[1].isNaN)
        #expect(contents.results[1] == b)
        let reopened = try SweepJournal.open(resuming: contents, path: path)
        try reopened.append(SweepRunner.PointResult(point: 7, values: [1, 2, 3, 4]))
        reopened.close()
        let again = try #require(try SweepJournal.read(path: path, valuesPerPoint: 4))
        #expect(again.results.map(\.point) == [3, 0, 7])
    }

    @Test func hashDependsOnEveryPart() {
        let h = SweepJournal.sweepHash(parts: ["sweep", "scenario"], seed: 1, trials: 10)
        #expect(h.count == 64)
        #expect(h != SweepJournal.sweepHash(parts: ["sweep", "scenario"], seed: 2, trials: 10))
        #expect(h != SweepJournal.sweepHash(parts: ["sweep", "scenario"], seed: 1, trials: 11))
        #expect(h != SweepJournal.sweepHash(parts: ["sweeps", "cenario"], seed: 1, trials: 10))
    }
}
