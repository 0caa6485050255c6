// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One file written atomically (a temporary name in the same folder, flushed, then renamed), for
/// outputs that are a single file rather than a folder: the HTML report, a plotted chart.
public enum AtomicFile {
    /// Whether an output file may be written at `path`: nothing is there, or a regular file.
    public static func mayWrite(to path: String) -> Bool {
        let kind = FileSystem.kind(at: path)
        return kind == .none || kind == .regular
    }

    /// Writes `contents` as UTF-8 to `path`, replacing a regular file there. The folder must exist.
    ///
    /// Refused before anything is written: an empty path, or a path inside one of `inputs` (the
    /// results folder the file is drawn from) named like one of its tables or its manifest
    /// (`OutputError.invalidPath`, 64); a path where a folder, a symbolic link, a device, a FIFO or
    /// a socket stands, which a rename would silently replace (`.cannotCreate`, 73). Throws
    /// `.cannotWrite` (74) when writing fails, `.cannotCreate` (73) when the folder is missing.
    public static func write(_ contents: String, to path: String, inputs: [String] = []) throws(OutputError) {
        let temporary = try temporaryPath(for: path, inputs: inputs)
        do {
            try FileSystem.writeAtomically(Array(contents.utf8), to: path, via: temporary)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }

    /// Writes `path` through `produce`, which writes the whole file at the temporary path it is
    /// given (a hidden sibling of `path`); the file is then flushed to disk and renamed to `path`.
    /// When `produce` throws, or flushing or renaming fails, the temporary file is removed and
    /// `path` keeps what it held. Refused like `write(_:to:inputs:)`.
    public static func write(to path: String, inputs: [String] = [],
                             produce: (String) throws(OutputError) -> Void) throws(OutputError) {
        let temporary = try temporaryPath(for: path, inputs: inputs)
        do throws(OutputError) {
            try produce(temporary)
            let fd = open(temporary, O_RDONLY)
            guard fd >= 0 else { throw .cannotWrite(path: path, reason: FileSystem.reason(errno)) }
            let synced = fsync(fd) == 0 ? 0 : errno
            close(fd)
            if synced != 0 { throw .cannotWrite(path: path, reason: FileSystem.reason(synced)) }
            do {
                try FileSystem.move(temporary, to: path)
            } catch {
                throw .cannotWrite(path: path, reason: error.reason)
            }
            FileSystem.syncDirectory(OutputFolder.parentFolder(of: path))
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Checks that `path` may be written (see `write(_:to:inputs:)`) and gives a new temporary
    /// path beside it.
    static func temporaryPath(for path: String, inputs: [String]) throws(OutputError) -> String {
        if path.isEmpty { throw .invalidPath(path: path, reason: "the output path is empty; name a file") }
        switch FileSystem.kind(at: path) {
        case .none, .regular: break
        case .directory: throw .cannotCreate(path: path, reason: "it is a folder; name a file")
        case .symbolicLink: throw .cannotCreate(path: path, reason: "it is a symbolic link; give the real path of a new or regular file")
        case .special: throw .cannotCreate(path: path, reason: "it is a device, FIFO or socket, not a regular file")
        }
        let base = OutputFolder.baseName(path)
        if base == OutputFolder.manifestName || base.hasSuffix(".csv") {
            let folder = FileSystem.identity(of: OutputFolder.parentFolder(of: path))
            for input in inputs where folder != nil && FileSystem.identity(of: input).map({ $0 == folder! }) ?? false {
                throw .invalidPath(path: path, reason: "it would replace a table of '\(input)', the results folder it is drawn from")
            }
        }
        let folder = OutputFolder.parentFolder(of: path)
        guard FileSystem.entry(at: folder) == .directory else {
            throw .cannotCreate(path: folder, reason: FileSystem.reason(ENOENT))
        }
        return (folder == "." && !path.hasPrefix("./") ? "" : folder + "/")
            + ".\(base).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    }
}
