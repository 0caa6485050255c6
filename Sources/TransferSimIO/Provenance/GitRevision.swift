// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The source revision of a working copy, for the run's provenance (`Manifest.gitRevision`).
public enum GitRevision {
    /// The commit that `git rev-parse HEAD` names in `directory` (the current folder by default),
    /// or `nil` when that does not work: git is not installed, the folder is not in a repository,
    /// or the repository has no commit yet. Git's own messages are discarded.
    public static func current(in directory: String? = nil) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--verify", "--quiet", "HEAD"]
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        let revision = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return isObjectName(revision) ? revision : nil
    }

    /// Whether `text` is a full SHA-1 (40) or SHA-256 (64) object name in lower-case hexadecimal.
    static func isObjectName(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64)
            && text.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || ("a"..."f").contains($0)
            }
    }
}
