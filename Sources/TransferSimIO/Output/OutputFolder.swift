// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A run's output folder, written all at once so that a folder holding a `manifest.json` is
/// always complete.
///
/// Files are kept in memory until `commit()`; nothing touches the disk before. `commit()` then
/// 1. creates the folder (and its parents) if needed,
/// 2. removes any previous `manifest.json` first, so a half-replaced folder never looks complete,
/// 3. writes each file under a temporary name in the same folder, flushes it, and renames it into
///    place (a rename within a folder is atomic: a reader sees the old file or the new one),
/// 4. writes `manifest.json` last, the same way.
///
/// Files of an earlier run that this run does not write are left as they are. A run killed
/// during `commit()` may leave a hidden `.NAME.partial-…` file beside the others, never a
/// truncated file under a real name.
public struct OutputFolder: Sendable {
    /// The name of the provenance file, written last.
    public static let manifestName = "manifest.json"

    /// The folder's path, as the user gave it.
    public let path: String
    /// Staged files in the order they were added (a re-added name keeps its first position).
    private var files: [(name: String, bytes: [UInt8])] = []

    /// An output folder at `path`; nothing is created until `commit()`.
    public init(path: String) {
        self.path = path
    }

    /// The names staged so far, in the order they will be written (the manifest last).
    public var fileNames: [String] {
        let names = files.map(\.name)
        return names.filter { $0 != Self.manifestName } + names.filter { $0 == Self.manifestName }
    }

    /// Stages a text file (written as UTF-8). `name` is relative to the folder and may contain
    /// sub-folders (`charts/funnel.svg`), but no `..`, empty or absolute parts. Adding the same
    /// name again replaces the staged contents.
    public mutating func add(file name: String, contents: String) {
        add(file: name, bytes: Array(contents.utf8))
    }

    /// Stages a binary file; see `add(file:contents:)` for the naming rules.
    public mutating func add(file name: String, contents: Data) {
        add(file: name, bytes: [UInt8](contents))
    }

    /// Stages a file given as bytes; see `add(file:contents:)` for the naming rules.
    public mutating func add(file name: String, bytes: [UInt8]) {
        precondition(Self.isValidName(name), "invalid output file name '\(name)'")
        if let index = files.firstIndex(where: { $0.name == name }) {
            files[index].bytes = bytes
        } else {
            files.append((name, bytes))
        }
    }

    /// Stages the provenance manifest as `manifest.json`.
    public mutating func add(manifest: Manifest) throws(OutputError) {
        do {
            add(file: Self.manifestName, contents: try manifest.jsonData())
        } catch {
            throw .cannotWrite(path: join(path, Self.manifestName), reason: "cannot encode the manifest: \(error)")
        }
    }

    /// Writes the staged files (see the type's description for the order and guarantees).
    public func commit() throws(OutputError) {
        let path = self.path.isEmpty ? "." : self.path
        do {
            try FileSystem.makeDirectories(path)
        } catch {
            throw .cannotCreate(path: error.path, reason: error.failure.reason)
        }
        let manifestPath = join(path, Self.manifestName)
        do {
            try FileSystem.removeFile(manifestPath)
        } catch {
            throw .cannotWrite(path: manifestPath, reason: error.reason)
        }
        let ordered = files.filter { $0.name != Self.manifestName } + files.filter { $0.name == Self.manifestName }
        var folders: Set<String> = [path]
        for file in ordered {
            let target = join(path, file.name)
            let folder = parent(of: target)
            if !folders.contains(folder) {
                do {
                    try FileSystem.makeDirectories(folder)
                } catch {
                    throw .cannotCreate(path: error.path, reason: error.failure.reason)
                }
                folders.insert(folder)
            }
            let base = String(file.name.split(separator: "/").last ?? Substring(file.name))
            let temporary = join(folder, ".\(base).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
            do {
                try FileSystem.writeAtomically(file.bytes, to: target, via: temporary)
            } catch {
                throw .cannotWrite(path: target, reason: error.reason)
            }
        }
        for folder in folders.sorted() { FileSystem.syncDirectory(folder) }
    }

    private static func isValidName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private func parent(of filePath: String) -> String {
        guard let slash = filePath.lastIndex(of: "/") else { return "." }
        return slash == filePath.startIndex ? "/" : String(filePath[..<slash])
    }
}
