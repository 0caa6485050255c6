// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One file written atomically (a temporary name in the same folder, flushed, then renamed), for
/// outputs that are a single file rather than a folder: the HTML report, a plotted chart.
public enum AtomicFile {
    /// Writes `contents` as UTF-8 to `path`, replacing any file there. The folder must exist.
    /// Throws `OutputError.cannotWrite` (exit code 74), or `.cannotCreate` (73) when the folder is missing.
    public static func write(_ contents: String, to path: String) throws(OutputError) {
        let folder = OutputFolder.parentFolder(of: path)
        guard FileSystem.entry(at: folder) == .directory else {
            throw .cannotCreate(path: folder, reason: FileSystem.reason(ENOENT))
        }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let temporary =
            (folder == "." && !path.hasPrefix("./") ? "" : folder + "/")
            + ".\(base).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileSystem.writeAtomically(Array(contents.utf8), to: path, via: temporary)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }
}
