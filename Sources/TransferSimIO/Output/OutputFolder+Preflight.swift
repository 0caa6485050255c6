// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

import Foundation

extension OutputFolder {
    /// Checks, without creating or changing anything, that `commit()` will be able to put the
    /// results at the path, so that a long run fails at once on a mistyped, read-only or
    /// dangerous `--out` instead of after the simulation.
    ///
    /// - The path must not be empty, end in `.` or `..`, or be (or hold) one of `inputs`, the
    ///   files and folders the command reads (`merge A B --out A`): `OutputError.invalidPath`,
    ///   exit 64.
    /// - What stands at the path must be nothing, an empty folder, or an earlier TransferSim
    ///   results folder holding only its results (see `replacementProblem(_:)`), which `commit()`
    ///   replaces whole. A regular file, a symbolic link, a device, a FIFO or socket, or a folder
    ///   holding anything else is refused: `.cannotCreate`, exit 73.
    /// - The folder that will hold it must be writable, or not exist yet below a writable folder:
    ///   `.cannotCreate` (73).
    ///
    /// `commit()` still reports anything that goes wrong later (a full disk, a folder removed
    /// meanwhile).
    public func checkWritable(inputs: [String] = []) throws(OutputError) {
        if path.isEmpty {
            throw .invalidPath(path: path, reason: "the output path is empty; name a folder")
        }
        let target = Self.trimmed(path)
        let last = Self.baseName(target)
        if last == "." || last == ".." || target == "/" {
            throw .invalidPath(path: path, reason: "name the results folder itself, not '\(last)'")
        }
        try Self.refuseInputs(inputs, target: target, shown: path)
        switch FileSystem.kind(at: target) {
        case .symbolicLink:
            throw .cannotCreate(path: path, reason: "it is a symbolic link; give the real path of a new or results folder")
        case .special:
            throw .cannotCreate(path: path, reason: "it is a device, FIFO or socket, not a folder")
        case .regular:
            throw .cannotCreate(path: path, reason: FileSystem.reason(ENOTDIR))
        case .directory:
            if let problem = Self.replacementProblem(target) {
                throw .cannotCreate(path: path, reason: problem)
            }
            let parent = Self.parentFolder(of: target)
            if access(parent, W_OK | X_OK) != 0 {
                throw .cannotWrite(path: parent, reason: FileSystem.reason(errno))
            }
            return
        case .none:
            break
        }
        var ancestor = Self.parentFolder(of: target)
        while FileSystem.entry(at: ancestor) == .none, ancestor != ".", ancestor != "/" {
            ancestor = Self.parentFolder(of: ancestor)
        }
        switch FileSystem.entry(at: ancestor) {
        case .directory:
            if access(ancestor, W_OK | X_OK) != 0 {
                throw .cannotCreate(path: ancestor, reason: FileSystem.reason(errno))
            }
        case .other:
            throw .cannotCreate(path: ancestor, reason: FileSystem.reason(ENOTDIR))
        case .none:
            throw .cannotCreate(path: ancestor, reason: FileSystem.reason(ENOENT))
        }
    }

    /// Why the folder at `path` may not be replaced whole, or `nil` when it may: it is empty, or it
    /// is a results folder — its `manifest.json` was written by TransferSim — holding nothing but
    /// what its manifest lists (and a sweep's journal or a hidden leftover of an interrupted
    /// write). A results folder with anything else in it, such as another run's folder nested
    /// inside (`--out out` after `--out out/baseline`), is refused rather than deleted with it.
    static func replacementProblem(_ path: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return "the folder cannot be read"
        }
        if entries.isEmpty { return nil }
        let manifest = join(path, manifestName)
        guard FileSystem.kind(at: manifest) == .regular,
              let bytes = try? FileSystem.readFile(manifest, limit: FileSystem.inputLimit),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["tool"] as? String == "transfersim"
        else {
            return "the folder holds files but no TransferSim manifest.json; results go only into a new or empty folder or replace an earlier results folder"
        }
        // Manifests of TransferSim 0.1.0 list no files: their folders held only these tables.
        let listed = (object["files"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            ?? ["summary.csv", "trials.csv", "timeseries.csv", "funnel.csv", "fund_cashflows.csv", "fund_flows.csv",
                "compare.csv", "sweep.csv", "sweep_long.csv", "sensitivity.csv", "sensitivity_samples.csv",
                "sensitivity_trials.csv"]
        var expected = Set(listed.compactMap { $0.split(separator: "/").first.map(String.init) })
        expected.formUnion([manifestName, "sweep.journal.csv"])
        if let other = entries.sorted().first(where: { !expected.contains($0) && !($0.hasPrefix(".") && $0.contains(".partial-")) }) {
            return "'\(join(path, other))' is not part of the results in the folder (its manifest does not list it); move it or choose another output, so that replacing the folder does not delete it"
        }
        return nil
    }

    /// Refuses an output path that is one of `inputs`, or a folder holding one of them.
    static func refuseInputs(_ inputs: [String], target: String, shown: String) throws(OutputError) {
        guard !inputs.isEmpty, let targetIdentity = FileSystem.identity(of: target) else { return }
        let resolvedTarget = URL(fileURLWithPath: target).resolvingSymlinksInPath().standardized.path
        for input in inputs {
            let same = FileSystem.identity(of: input).map { $0 == targetIdentity } ?? false
            let resolvedInput = URL(fileURLWithPath: input).resolvingSymlinksInPath().standardized.path
            if same || resolvedInput.hasPrefix(resolvedTarget.hasSuffix("/") ? resolvedTarget : resolvedTarget + "/") {
                throw .invalidPath(path: shown, reason: "it is, or holds, '\(input)', an input of this command; choose another output")
            }
        }
    }

    /// The folder holding `path` (`a/b/` → `a`, `a` → `.`, `/a` → `/`).
    static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}
