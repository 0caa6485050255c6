// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimIO

/// The results-folder contract: nothing before commit, then the whole folder at once (built in a
/// hidden sibling and renamed into place), an earlier results folder replaced whole, anything
/// else at the path refused, and a manifest listing every file.
@Suite struct OutputFolderTests {
    private func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    private func entries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// A small manifest (no scenario needed).
    static func manifest() -> Manifest {
        Manifest(toolVersion: "0.1.0", scenarioName: "t", policy: "baseline", seed: 1, trials: 2, threads: 1,
                 startTime: Date(timeIntervalSince1970: 0), endTime: Date(timeIntervalSince1970: 1),
                 commandLine: ["transfersim", "run"], parameters: [:])
    }

    /// Commits `files` (name → text) as a `command` folder at `path`.
    static func commit(_ files: [(String, String)], at path: String, command: String = "run") throws {
        var folder = OutputFolder(path: path, command: command)
        for (name, text) in files { folder.add(file: name, contents: text) }
        try folder.add(manifest: manifest())
        try folder.commit()
    }

    @Test func nothingOnDiskBeforeCommitThenEveryFileWithItsManifestEntry() throws {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/run/nested"
        var folder = OutputFolder(path: path, command: "run")
        folder.add(file: "summary.csv", contents: "a\n1\n")
        folder.add(file: "charts/funnel.svg", contents: Data("<svg/>".utf8))
        folder.add(file: "b.csv", contents: "old\n")
        folder.add(file: "b.csv", contents: "b\n")
        try folder.add(manifest: Self.manifest())
        #expect(folder.fileNames == ["summary.csv", "charts/funnel.svg", "b.csv", "manifest.json"])
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/run"))
        try folder.commit()
        #expect(try contents(path + "/summary.csv") == "a\n1\n")
        #expect(try contents(path + "/charts/funnel.svg") == "<svg/>")
        #expect(try entries(path) == ["b.csv", "charts", "manifest.json", "summary.csv"])
        // No hidden sibling is left beside the folder.
        #expect(try entries(temporary.path + "/run") == ["nested"])
        let written = try Manifest.decode(from: Data(contentsOf: URL(fileURLWithPath: path + "/manifest.json")))
        #expect(written.command == "run")
        #expect(written.files == [
            Manifest.File(name: "summary.csv", size: 4, sha256: SHA256.hex(of: Array("a\n1\n".utf8))),
            Manifest.File(name: "charts/funnel.svg", size: 6, sha256: SHA256.hex(of: Array("<svg/>".utf8))),
            Manifest.File(name: "b.csv", size: 2, sha256: SHA256.hex(of: Array("b\n".utf8))),
        ])
        #expect(try Manifest.verifiedFolder(path, kinds: ["run"]) == written)
    }

    @Test func anEarlierResultsFolderIsReplacedWhole() throws {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/out"
        try Self.commit([("summary.csv", "old\n"), ("trials.csv", "old\n")], at: path)
        try Self.commit([("compare.csv", "new\n")], at: path, command: "compare")
        #expect(try entries(path) == ["compare.csv", "manifest.json"])
        #expect(try entries(temporary.path) == ["out"])
        #expect(try Manifest.verifiedFolder(path, kinds: ["compare"]).files?.map(\.name) == ["compare.csv"])
    }

    @Test func aResultsFolderHoldingAnotherRunIsRefusedNotDeleted() throws {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/out"
        try Self.commit([("summary.csv", "first\n")], at: path)
        try Self.commit([("summary.csv", "nested\n")], at: path + "/baseline")
        let error = #expect(throws: OutputError.self) { try Self.commit([("summary.csv", "x\n")], at: path) }
        #expect(error?.exitCode == 73)
        #expect(error?.reason.hasPrefix("'\(path)/baseline' is not part of the results in the folder") == true)
        #expect(try contents(path + "/baseline/summary.csv") == "nested\n")
        #expect(try contents(path + "/summary.csv") == "first\n")
    }

    @Test func leftoversOfAKilledCommitAreRemovedButNotThoseOfARunningOne() throws {
        let temporary = try TemporaryFolder()
        let dead = temporary.path + "/.out.partial-2147483646-7"
        let aside = temporary.path + "/.out.replaced-2147483646-8"
        let running = temporary.path + "/.out.partial-\(getpid())-9"
        let other = temporary.path + "/.other.partial-2147483646-7"
        for folder in [dead, aside, running, other] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        }
        try Self.commit([("summary.csv", "x\n")], at: temporary.path + "/out")
        #expect(try entries(temporary.path) == [".other.partial-2147483646-7", ".out.partial-\(getpid())-9", "out"])
    }

    @Test func anEmptyFolderIsUsed() throws {
        let temporary = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: temporary.path + "/empty", withIntermediateDirectories: false)
        try Self.commit([("summary.csv", "x\n")], at: temporary.path + "/empty/")
        #expect(try entries(temporary.path + "/empty") == ["manifest.json", "summary.csv"])
    }

    @Test func aFolderThatIsNotAResultsFolderIsRefusedAndKept() throws {
        let temporary = try TemporaryFolder()
        try "my notes\n".write(toFile: temporary.path + "/notes.txt", atomically: false, encoding: .utf8)
        let error = #expect(throws: OutputError.self) { try Self.commit([("summary.csv", "x\n")], at: temporary.path) }
        #expect(error?.exitCode == 73)
        #expect(error?.reason.contains("no TransferSim manifest.json") == true)
        #expect(try entries(temporary.path) == ["notes.txt"])
    }

    @Test func emptyDotAndDotDotPathsAreUsageErrors() throws {
        for path in ["", ".", "a/..", "/"] {
            let error = #expect(throws: OutputError.self) { try Self.commit([("s.csv", "x\n")], at: path) }
            #expect(error?.exitCode == 64, "\(path)")
        }
    }

    @Test func specialFilesAndSymbolicLinksAreRefusedAndKept() throws {
        let temporary = try TemporaryFolder()
        let fifo = temporary.path + "/fifo", link = temporary.path + "/link", real = temporary.path + "/real"
        #expect(mkfifo(fifo, 0o644) == 0)
        try Self.commit([("summary.csv", "x\n")], at: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        for path in [fifo, link, "/dev/null"] {
            let error = #expect(throws: OutputError.self) { try Self.commit([("s.csv", "y\n")], at: path) }
            #expect(error?.exitCode == 73, "\(path)")
        }
        #expect(FileSystem.kind(at: fifo) == .special)
        #expect(FileSystem.kind(at: link) == .symbolicLink)
        #expect(try contents(real + "/summary.csv") == "x\n")
        #expect(FileSystem.kind(at: "/dev/null") == .special)
    }

    @Test func theOutputMayNotBeAnInput() throws {
        let temporary = try TemporaryFolder()
        let shard = temporary.path + "/s1"
        try Self.commit([("sweep.csv", "x\n")], at: shard, command: "sweep")
        let folder = OutputFolder(path: shard, command: "merge")
        let same = #expect(throws: OutputError.self) { try folder.checkWritable(inputs: [shard, temporary.path + "/s2"]) }
        #expect(same?.exitCode == 64)
        let holding = OutputFolder(path: temporary.path, command: "merge")
        let parent = #expect(throws: OutputError.self) { try holding.checkWritable(inputs: [shard]) }
        #expect(parent?.exitCode == 64)
        try OutputFolder(path: temporary.path + "/merged", command: "merge").checkWritable(inputs: [shard])
    }

    @Test func aWorkingFolderBecomesTheResultsFolderWithoutItsJournal() throws {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/sweep"
        let working = OutputFolder.workingFolder(for: path + "/")
        #expect(working == path + ".in-progress")
        try FileManager.default.createDirectory(atPath: working, withIntermediateDirectories: false)
        try "journal\n".write(toFile: working + "/sweep.journal.csv", atomically: false, encoding: .utf8)
        try Self.commit([("sweep.csv", "old\n")], at: path, command: "sweep")
        var folder = OutputFolder(path: path, command: "sweep")
        folder.add(file: "sweep.csv", contents: "new\n")
        try folder.add(manifest: Self.manifest())
        try folder.commit(workingFolder: working)
        #expect(try entries(temporary.path) == ["sweep"])
        #expect(try entries(path) == ["manifest.json", "sweep.csv"])
        #expect(try contents(path + "/sweep.csv") == "new\n")
    }

    @Test func cannotCreateUnderAFile() throws {
        let temporary = try TemporaryFolder()
        try "x".write(toFile: temporary.path + "/plain", atomically: false, encoding: .utf8)
        let error = #expect(throws: OutputError.self) { try Self.commit([("a.csv", "a")], at: temporary.path + "/plain/run") }
        #expect(error == .cannotCreate(path: temporary.path + "/plain", reason: "not a directory"))
        #expect(error?.exitCode == 73)
        #expect(error?.description == "error: cannot create '\(temporary.path)/plain': not a directory")
    }

    @Test func permissionDenied() throws {
        guard getuid() != 0 else { return }  // root may write anywhere
        let temporary = try TemporaryFolder()
        let locked = temporary.path + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o500])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        let error = #expect(throws: OutputError.self) { try Self.commit([("a.csv", "a")], at: locked + "/run") }
        #expect(error == .cannotCreate(path: locked, reason: "permission denied"))
    }
}

/// `Manifest.verifiedFolder`: readers refuse, naming the file, a folder that is not exactly what
/// its manifest lists.
@Suite struct ResultsFolderVerificationTests {
    private func folder() throws -> (TemporaryFolder, String) {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/out"
        try OutputFolderTests.commit([("summary.csv", "metric,mean\na,1\nb,2\n"), ("timeseries.csv", "year,x\n1,2\n")], at: path)
        return (temporary, path)
    }

    private func problem(_ path: String, kinds: [String] = ["run"]) -> Manifest.FolderProblem? {
        #expect(throws: Manifest.FolderProblem.self) { try Manifest.verifiedFolder(path, kinds: kinds) }
    }

    @Test func aTruncatedTableIsNamed() throws {
        let (temporary, path) = try folder()
        _ = temporary
        try "year,x\n".write(toFile: path + "/timeseries.csv", atomically: false, encoding: .utf8)
        let found = problem(path)
        #expect(found?.exitCode == 65)
        #expect(found?.description == "error: '\(path)/timeseries.csv' has 7 bytes, its manifest records 11: it is truncated or altered")
    }

    @Test func anAlteredTableOfTheSameSizeIsNamed() throws {
        let (temporary, path) = try folder()
        _ = temporary
        try "metric,mean\na,1\nb,3\n".write(toFile: path + "/summary.csv", atomically: false, encoding: .utf8)
        #expect(problem(path)?.description == "error: '\(path)/summary.csv' does not match the SHA-256 in its manifest: it was altered")
    }

    @Test func aMissingOrStrayTableIsNamed() throws {
        let (temporary, path) = try folder()
        _ = temporary
        try "policy\n".write(toFile: path + "/compare.csv", atomically: false, encoding: .utf8)
        #expect(problem(path)?.description.contains("'\(path)/compare.csv' is not listed in the folder's manifest") == true)
        try FileManager.default.removeItem(atPath: path + "/compare.csv")
        try FileManager.default.removeItem(atPath: path + "/summary.csv")
        #expect(problem(path)?.description == "error: '\(path)/summary.csv' is missing: the folder is incomplete")
    }

    @Test func aFolderOfTheWrongKindOrWithoutAManifestIsRefused() throws {
        let (temporary, path) = try folder()
        _ = temporary
        #expect(problem(path, kinds: ["sweep", "merge"])?.description == "error: '\(path)' holds the results of `run`, not of `sweep` or `merge`")
        try "{\"tool\": \"transfersim\"".write(toFile: path + "/manifest.json", atomically: false, encoding: .utf8)
        #expect(problem(path)?.description == "error: '\(path)/manifest.json' is not a TransferSim manifest (truncated or altered)")
        try FileManager.default.removeItem(atPath: path + "/manifest.json")
        #expect(problem(path)?.description.hasPrefix("error: '\(path)/manifest.json' is missing") == true)
        #expect(problem(temporary.path + "/none")?.exitCode == 66)
    }
}
