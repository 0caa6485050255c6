// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension OutputFolder {
    /// Checks, without creating or changing anything, that `commit()` will be able to create the
    /// folder and write into it, so that a long run fails at once on a mistyped or read-only
    /// `--out` instead of after the simulation.
    ///
    /// The folder must be a writable folder, or not exist yet below a writable folder (the nearest
    /// existing ancestor must be a folder, not a file). `commit()` still reports anything that goes
    /// wrong later (a full disk, a folder removed meanwhile).
    ///
    /// Throws `OutputError.cannotCreate` when the folder cannot be created (exit code 73) and
    /// `.cannotWrite` when it exists but cannot be written (74).
    public func checkWritable() throws(OutputError) {
        let path = self.path.isEmpty ? "." : self.path
        switch FileSystem.entry(at: path) {
        case .directory:
            if access(path, W_OK | X_OK) != 0 {
                throw .cannotWrite(path: path, reason: FileSystem.reason(errno))
            }
            return
        case .other:
            throw .cannotCreate(path: path, reason: FileSystem.reason(ENOTDIR))
        case .none:
            break
        }
        var ancestor = Self.parentFolder(of: path)
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

    /// The folder holding `path` (`a/b/` → `a`, `a` → `.`, `/a` → `/`).
    static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}
