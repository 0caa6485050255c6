// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Thin POSIX file operations that report the system's own reason for a failure (`errno`), which
/// the scenario loader and the output folder put in their messages.
enum FileSystem {
    /// A failed system call: what it was doing and the system's reason, in lower case.
    struct Failure: Error {
        let errorNumber: Int32
        var reason: String { FileSystem.reason(errorNumber) }
        /// Whether the path (or a folder on it) does not exist.
        var isNoSuchFile: Bool { errorNumber == ENOENT }
    }

    /// The system's description of `errorNumber`, starting in lower case to sit inside a sentence
    /// ("permission denied", "no such file or directory").
    static func reason(_ errorNumber: Int32) -> String {
        guard let text = strerror(errorNumber) else { return "error \(errorNumber)" }
        let message = String(cString: text)
        guard let first = message.first else { return "error \(errorNumber)" }
        let rest = message.dropFirst()
        // Keep acronyms ("I/O error") as they are; lower only a capital followed by lower case.
        if first.isUppercase, rest.first?.isLowercase ?? false {
            return first.lowercased() + rest
        }
        return message
    }

    /// The largest input file (scenario, sweep file, sensitivity spec, design CSV) read: 4 MiB.
    /// The shipped scenarios are a few KiB; a larger file is almost surely a mistake (a device,
    /// a data dump), and reading stops at the limit instead of filling memory.
    static let inputLimit = 4 << 20

    /// The whole content of the file at `path`, read in chunks and never more than `limit` bytes:
    /// a regular file larger than `limit` is refused before it is read (`EFBIG`), and a stream
    /// (a FIFO, `/dev/zero`) that goes on past `limit` is refused as soon as it does.
    static func readFile(_ path: String, limit: Int = Int.max) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw Failure(errorNumber: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw Failure(errorNumber: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(errorNumber: EISDIR) }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit { throw Failure(errorNumber: EFBIG) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(errorNumber: errno)
            }
            if count == 0 { break }
            if bytes.count + count > limit { throw Failure(errorNumber: EFBIG) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// What stands at a path itself (a symbolic link is not followed).
    enum Kind: Equatable { case none, directory, regular, symbolicLink, special }

    static func kind(at path: String) -> Kind {
        var info = stat()
        if lstat(path, &info) != 0 { return .none }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .special
        }
    }

    /// The device and inode of what `path` names (following links), to tell whether two paths
    /// are the same file or folder; `nil` when nothing is there.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        if stat(path, &info) != 0 { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Renames `source` to `target` (both in the same file system).
    static func move(_ source: String, to target: String) throws(Failure) {
        if rename(source, target) != 0 { throw Failure(errorNumber: errno) }
    }

    /// Creates one folder; it must not exist.
    static func makeDirectory(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) != 0 { throw Failure(errorNumber: errno) }
    }

    /// What exists at `path`, without following a final symbolic link's absence as an error.
    enum Entry { case none, directory, other }

    static func entry(at path: String) -> Entry {
        var info = stat()
        if stat(path, &info) != 0 { return .none }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// Creates `path` and any missing parent folders (like `mkdir -p`).
    /// Throws the failure and the folder that could not be made.
    static func makeDirectories(_ path: String) throws(PathFailure) {
        if entry(at: path) == .directory { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let error = errno
                if error != EEXIST || entry(at: prefix) != .directory {
                    throw PathFailure(path: prefix, failure: Failure(errorNumber: error == EEXIST ? ENOTDIR : error))
                }
            }
            prefix += "/"
        }
    }

    /// A failure tied to the path it happened at.
    struct PathFailure: Error {
        let path: String
        let failure: Failure
    }

    /// Removes the file at `path` if there is one.
    static func removeFile(_ path: String) throws(Failure) {
        if unlink(path) != 0, errno != ENOENT { throw Failure(errorNumber: errno) }
    }

    /// Writes `bytes` to a new file at `temporaryPath` (which must not exist), flushes it to disk,
    /// then renames it to `path`, replacing any file there. On failure the temporary file is removed.
    static func writeAtomically(_ bytes: [UInt8], to path: String, via temporaryPath: String) throws(Failure) {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 { throw Failure(errorNumber: errno) }
        var failure: Failure?
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = Failure(errorNumber: errno)
                break
            }
            written += count
        }
        if failure == nil, fsync(fd) != 0 { failure = Failure(errorNumber: errno) }
        if close(fd) != 0, failure == nil { failure = Failure(errorNumber: errno) }
        if failure == nil, rename(temporaryPath, path) != 0 { failure = Failure(errorNumber: errno) }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Flushes a folder's entries (the renames into it) to disk; failures are ignored, since some
    /// file systems do not support it and the files themselves are already flushed.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return }
        _ = fsync(fd)
        close(fd)
    }
}
