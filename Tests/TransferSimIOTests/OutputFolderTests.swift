// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimIO

/// Atomic output folders: nothing before commit, every file after, the manifest last.
@Suite struct OutputFolderTests {
    private func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    private func modificationOrder(_ folder: String, _ names: [String]) throws -> [String] {
        let dates = try names.map { name -> (String, Date) in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            return (name, attributes[.modificationDate] as? Date ?? .distantPast)
        }
        return dates.sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test func nothingOnDiskBeforeCommit() throws {
        let temporary = try TemporaryFolder()
        let path = temporary.path + "/run/nested"
        var folder = OutputFolder(path: path)
        folder.add(file: "summary.csv", contents: "a\n1\n")
        folder.add(file: OutputFolder.manifestName, contents: "{}\n")
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/run"))
        try folder.commit()
        #expect(try contents(path + "/summary.csv") == "a\n1\n")
        #expect(try contents(path + "/manifest.json") == "{}\n")
    }

    @Test func writesEveryFileAndTheManifestLast() throws {
        let temporary = try TemporaryFolder()
        var folder = OutputFolder(path: temporary.path)
        folder.add(file: OutputFolder.manifestName, contents: "{\"x\": 1}\n")
        folder.add(file: "a.csv", contents: "a\n")
        folder.add(file: "charts/funnel.svg", contents: Data("<svg/>".utf8))
        folder.add(file: "b.csv", contents: "old\n")
        folder.add(file: "b.csv", contents: "b\n")
        #expect(folder.fileNames == ["a.csv", "charts/funnel.svg", "b.csv", "manifest.json"])
        try folder.commit()
        #expect(try contents(temporary.path + "/a.csv") == "a\n")
        #expect(try contents(temporary.path + "/b.csv") == "b\n")
        #expect(try contents(temporary.path + "/charts/funnel.svg") == "<svg/>")
        #expect(try modificationOrder(temporary.path, ["a.csv", "b.csv", "manifest.json"]).last == "manifest.json")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
        #expect(left == ["a.csv", "b.csv", "charts", "manifest.json"])
    }

    @Test func removesAnOldManifestFirst() throws {
        let temporary = try TemporaryFolder()
        try "old manifest".write(toFile: temporary.path + "/manifest.json", atomically: false, encoding: .utf8)
        try "old data".write(toFile: temporary.path + "/a.csv", atomically: false, encoding: .utf8)
        // A file that cannot be written: a folder stands where it should go.
        try FileManager.default.createDirectory(atPath: temporary.path + "/b.csv/inside", withIntermediateDirectories: true)
        var folder = OutputFolder(path: temporary.path)
        folder.add(file: "a.csv", contents: "new data")
        folder.add(file: "b.csv", contents: "x")
        folder.add(file: "manifest.json", contents: "new manifest")
        let error = #expect(throws: OutputError.self) { try folder.commit() }
        #expect(error?.exitCode == 74)
        // The interrupted folder has no manifest: it does not look complete.
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/manifest.json"))
        #expect(try contents(temporary.path + "/a.csv") == "new data")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
        #expect(left == ["a.csv", "b.csv"])
    }

    @Test func replacesAnOldManifest() throws {
        let temporary = try TemporaryFolder()
        try "old manifest".write(toFile: temporary.path + "/manifest.json", atomically: false, encoding: .utf8)
        var folder = OutputFolder(path: temporary.path)
        folder.add(file: "manifest.json", contents: "new manifest")
        try folder.commit()
        #expect(try contents(temporary.path + "/manifest.json") == "new manifest")
    }

    @Test func cannotCreateUnderAFile() throws {
        let temporary = try TemporaryFolder()
        try "x".write(toFile: temporary.path + "/plain", atomically: false, encoding: .utf8)
        var folder = OutputFolder(path: temporary.path + "/plain/run")
        folder.add(file: "a.csv", contents: "a")
        let error = #expect(throws: OutputError.self) { try folder.commit() }
        #expect(error == .cannotCreate(path: temporary.path + "/plain", reason: "not a directory"))
        #expect(error?.exitCode == 73)
        #expect(error?.description == "error: cannot create output folder '\(temporary.path)/plain': not a directory")
    }

    @Test func cannotWriteOverAFolder() throws {
        let temporary = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: temporary.path + "/a.csv/x", withIntermediateDirectories: true)
        var folder = OutputFolder(path: temporary.path)
        folder.add(file: "a.csv", contents: "a")
        let error = #expect(throws: OutputError.self) { try folder.commit() }
        #expect(error == .cannotWrite(path: temporary.path + "/a.csv", reason: "is a directory"))
        #expect(error?.exitCode == 74)
    }

    @Test func permissionDenied() throws {
        guard getuid() != 0 else { return }  // root may write anywhere
        let temporary = try TemporaryFolder()
        let locked = temporary.path + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o500])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        var folder = OutputFolder(path: locked + "/run")
        folder.add(file: "a.csv", contents: "a")
        let error = #expect(throws: OutputError.self) { try folder.commit() }
        #expect(error == .cannotCreate(path: locked + "/run", reason: "permission denied"))
    }
}
