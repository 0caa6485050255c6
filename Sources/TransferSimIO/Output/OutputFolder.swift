// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A results folder — the tables and `manifest.json` of one `run`, `compare`, `sweep`,
/// `sensitivity` or `merge` — written so that the path holds either a complete folder of one
/// command or nothing of it: never a truncated table, never a mix with an earlier run's files.
///
/// Files are kept in memory until `commit()`; nothing touches the disk before. `commit()` then
/// 1. checks the path (see `checkWritable()`): an existing folder there must be empty or an
///    earlier TransferSim results folder, which is **replaced whole**; anything else is refused,
/// 2. writes every file into a new hidden sibling folder (`.NAME.partial-PID-RANDOM`), each one
///    flushed to disk (`fsync`), then `manifest.json`, which lists each file with its size and
///    SHA-256 and records the command and its arguments,
/// 3. flushes the sibling folder, and renames it to the path. An earlier folder at the path is
///    first renamed aside and removed once the new folder is in place.
///
/// When anything fails, the sibling is removed and the path keeps the earlier folder (or
/// nothing). A process killed during `commit()` can leave a hidden `.NAME.partial-…` or
/// `.NAME.replaced-…` sibling, which no command reads and the next commit to the same path
/// removes; at worst the path itself is then absent, never incomplete.
public struct OutputFolder: Sendable {
    /// The name of the provenance file, written last.
    public static let manifestName = "manifest.json"

    /// The environment variable that makes `commit()` fail as a full disk would (`ENOSPC`) when
    /// it writes the file of that name (`TRANSFERSIM_FAIL_WRITE=summary.csv`); for the tests of
    /// the failure guarantees.
    public static let failWriteVariable = "TRANSFERSIM_FAIL_WRITE"

    /// The folder's path, as the user gave it.
    public let path: String
    /// The subcommand that writes the folder (`run`, `compare`, …), recorded in the manifest as
    /// the folder's kind.
    public let command: String
    /// Staged files in the order they were added (a re-added name keeps its first position).
    private var files: [(name: String, bytes: [UInt8])] = []
    /// Files already written into the working folder by a streaming writer (`StreamedFile`), by
    /// name: their size and SHA-256 as written. `commit(workingFolder:)` keeps them in place.
    private var streamed: [String: Manifest.File] = [:]
    private var manifest: Manifest?

    /// An output folder at `path` for the subcommand `command`; nothing is created until `commit()`.
    public init(path: String, command: String) {
        self.path = path
        self.command = command
    }

    /// The names staged so far, in the order they will be written (the manifest last).
    public var fileNames: [String] {
        files.map(\.name) + (manifest == nil ? [] : [Self.manifestName])
    }

    /// Stages a text file (written as UTF-8). `name` is relative to the folder and may contain
    /// sub-folders (`charts/funnel.svg`), but no `..`, empty or absolute parts, and is not
    /// `manifest.json` (see `add(manifest:)`). Adding the same name again replaces the staged
    /// contents.
    public mutating func add(file name: String, contents: String) {
        add(file: name, bytes: Array(contents.utf8))
    }

    /// Stages a binary file; see `add(file:contents:)` for the naming rules.
    public mutating func add(file name: String, contents: Data) {
        add(file: name, bytes: [UInt8](contents))
    }

    /// Stages a file given as bytes; see `add(file:contents:)` for the naming rules.
    public mutating func add(file name: String, bytes: [UInt8]) {
        precondition(Self.isValidName(name) && name != Self.manifestName, "invalid output file name '\(name)'")
        if let index = files.firstIndex(where: { $0.name == name }) {
            files[index].bytes = bytes
        } else {
            files.append((name, bytes))
        }
    }

    /// Records a file that a `StreamedFile` has finished writing into the working folder, which
    /// `commit(workingFolder:)` then keeps in place (listed in the manifest in this position).
    public mutating func add(streamed file: StreamedFile) {
        add(file: file.name, bytes: [])
        streamed[file.name] = Manifest.File(name: file.name, size: file.size, sha256: file.sha256)
    }

    /// Stages the provenance manifest; `commit()` fills in its `command` and `files` and writes it
    /// as `manifest.json`, after every other file.
    public mutating func add(manifest: Manifest) throws(OutputError) {
        self.manifest = manifest
    }

    /// The manifest as `commit()` writes it: the staged one with this folder's command and the
    /// size and SHA-256 of every staged file.
    public var completedManifest: Manifest? {
        guard var manifest else { return nil }
        manifest.command = command
        manifest.files = files.map {
            streamed[$0.name] ?? Manifest.File(name: $0.name, size: $0.bytes.count, sha256: SHA256.hex(of: $0.bytes))
        }
        return manifest
    }

    /// Writes the staged files (see the type's description for the order and guarantees).
    ///
    /// `workingFolder`, when given, is an existing folder of this command's own (a sweep's
    /// `NAME.in-progress`, holding its journal) that becomes the results folder: the files are
    /// written into it, everything else in it is removed, and it is renamed to the path.
    public func commit(workingFolder: String? = nil) throws(OutputError) {
        precondition(streamed.isEmpty || workingFolder != nil, "streamed files live in the working folder")
        try checkWritable()
        let target = Self.trimmed(path)
        let parent = Self.parentFolder(of: target)
        do {
            try FileSystem.makeDirectories(parent)
        } catch {
            throw .cannotCreate(path: error.path, reason: error.failure.reason)
        }
        Self.removeLeftovers(of: target, in: parent)
        let staging: String
        if let workingFolder {
            staging = workingFolder
        } else {
            staging = Self.join(parent, ".\(Self.baseName(target)).partial-\(Self.uniqueSuffix())")
            do {
                try FileSystem.makeDirectory(staging)
            } catch {
                throw .cannotCreate(path: staging, reason: error.reason)
            }
        }
        do throws(OutputError) {
            try write(into: staging, keepingOnly: workingFolder != nil)
            try install(staging, at: target, parent: parent)
        } catch {
            if workingFolder == nil { try? FileManager.default.removeItem(atPath: staging) }
            throw error
        }
    }

    /// Writes every staged file and then the manifest into `staging`, each flushed to disk.
    private func write(into staging: String, keepingOnly: Bool) throws(OutputError) {
        let failing = ProcessInfo.processInfo.environment[Self.failWriteVariable]
        var folders: Set<String> = [staging]
        var written: [(name: String, bytes: [UInt8])] = files.filter { streamed[$0.name] == nil }
        let kept = files.filter { streamed[$0.name] != nil }.map(\.name)
        if let manifest = completedManifest {
            do {
                written.append((Self.manifestName, [UInt8](try manifest.jsonData())))
            } catch {
                throw .cannotWrite(path: Self.join(path, Self.manifestName), reason: "cannot encode the manifest: \(error)")
            }
        }
        if keepingOnly {
            // A working folder holds the run's journal and perhaps a torn earlier attempt: only the
            // staged files may remain.
            let keep = Set((written.map(\.name) + kept).map { String($0.split(separator: "/")[0]) })
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [] where !keep.contains(entry) {
                try? FileManager.default.removeItem(atPath: Self.join(staging, entry))
            }
        }
        for file in written {
            let target = Self.join(staging, file.name)
            let shown = Self.join(path, file.name)
            let folder = Self.parentFolder(of: target)
            if !folders.contains(folder) {
                do {
                    try FileSystem.makeDirectories(folder)
                } catch {
                    throw .cannotCreate(path: error.path, reason: error.failure.reason)
                }
                folders.insert(folder)
            }
            if failing == file.name { throw .cannotWrite(path: shown, reason: FileSystem.reason(ENOSPC)) }
            let temporary = Self.join(folder, ".\(Self.baseName(file.name)).partial-\(Self.uniqueSuffix())")
            do {
                try FileSystem.writeAtomically(file.bytes, to: target, via: temporary)
            } catch {
                throw .cannotWrite(path: shown, reason: error.reason)
            }
        }
        for folder in folders.sorted(by: >) { FileSystem.syncDirectory(folder) }
    }

    /// Puts the finished `staging` folder at `target`: a rename, after moving an earlier results
    /// folder aside (and removing it once the new one is in place).
    private func install(_ staging: String, at target: String, parent: String) throws(OutputError) {
        var aside: String?
        if FileSystem.kind(at: target) == .directory {
            let moved = Self.join(parent, ".\(Self.baseName(target)).replaced-\(Self.uniqueSuffix())")
            do {
                try FileSystem.move(target, to: moved)
            } catch {
                throw .cannotWrite(path: target, reason: "cannot move the earlier results aside: \(error.reason)")
            }
            aside = moved
        }
        do {
            try FileSystem.move(staging, to: target)
        } catch {
            if let aside { try? FileSystem.move(aside, to: target) }
            throw .cannotWrite(path: target, reason: error.reason)
        }
        FileSystem.syncDirectory(parent)
        if let aside { try? FileManager.default.removeItem(atPath: aside) }
    }

    /// Removes the hidden siblings `.NAME.partial-PID-…` and `.NAME.replaced-PID-…` that a process
    /// killed during its commit left beside `target`, when that process no longer exists (a
    /// running one may still be writing). Failures are ignored: the leftovers are never read.
    static func removeLeftovers(of target: String, in parent: String) {
        let base = baseName(target)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries {
            var rest: Substring
            if entry.hasPrefix(".\(base).partial-") {
                rest = entry.dropFirst(".\(base).partial-".count)
            } else if entry.hasPrefix(".\(base).replaced-") {
                rest = entry.dropFirst(".\(base).replaced-".count)
            } else {
                continue
            }
            rest = rest.prefix { $0 != "-" }
            guard let pid = Int32(rest), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: join(parent, entry))
        }
    }

    /// The working folder of a long command (a sweep) whose results go to `path`: the visible
    /// sibling `NAME.in-progress`, which holds its journal until `commit(workingFolder:)` turns it
    /// into the results folder.
    public static func workingFolder(for path: String) -> String {
        trimmed(path) + ".in-progress"
    }

    private static func isValidName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private static func uniqueSuffix() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    }

    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `path` without trailing slashes (`out/` → `out`; `/` stays).
    static func trimmed(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// The last component of `path` (`a/b/` → `b`).
    static func baseName(_ path: String) -> String {
        let text = trimmed(path)
        return text.split(separator: "/").last.map(String.init) ?? text
    }
}
