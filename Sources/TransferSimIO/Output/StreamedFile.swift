// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A table written row by row into a command's working folder while the command runs (so that
/// memory does not grow with it), keeping its size and SHA-256 as it goes for the manifest
/// (`OutputFolder.add(streamed:)`). Writes are buffered; `flush()` puts them on disk (`fsync`).
public final class StreamedFile {
    /// The name inside the results folder.
    public let name: String
    /// Where it is being written.
    public let path: String
    public private(set) var size = 0
    private var hash = SHA256()
    private var buffer: [UInt8] = []
    private let handle: FileHandle
    private static let bufferLimit = 1 << 20

    /// A new, empty file `name` in `folder` (replacing any).
    public init(name: String, in folder: String) throws(OutputError) {
        self.name = name
        path = OutputFolder.join(folder, name)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "cannot create the file")
        }
        self.handle = handle
    }

    /// Reopens the file `name` in `folder` for appending after its first `keeping` bytes (a resumed
    /// run's rows so far; anything after them is cut off). `keeping` must not exceed the file's size.
    public init(resuming name: String, in folder: String, keeping: Int) throws(OutputError) {
        self.name = name
        path = OutputFolder.join(folder, name)
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw .cannotWrite(path: path, reason: "cannot open the file") }
        self.handle = handle
        do {
            var left = keeping
            while left > 0, let chunk = try handle.read(upToCount: min(left, Self.bufferLimit)), !chunk.isEmpty {
                hash.update(chunk)
                left -= chunk.count
            }
            guard left == 0 else { throw OutputError.cannotWrite(path: path, reason: "the file is shorter than its journal says") }
            try handle.truncate(atOffset: UInt64(keeping))
            try handle.seekToEnd()
        } catch let error as OutputError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
        size = keeping
    }

    /// Appends text (UTF-8).
    public func write(_ text: String) throws(OutputError) {
        let bytes = Array(text.utf8)
        hash.update(bytes)
        size += bytes.count
        buffer += bytes
        if buffer.count >= Self.bufferLimit { try drain() }
    }

    private func drain() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        if ProcessInfo.processInfo.environment[OutputFolder.failWriteVariable] == name {
            throw .cannotWrite(path: path, reason: FileSystem.reason(ENOSPC))
        }
        let fd = handle.fileDescriptor
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { bytes in
                systemWrite(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: FileSystem.reason(errno))
            }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and flushes the file to disk.
    public func flush() throws(OutputError) {
        try drain()
        if fsync(handle.fileDescriptor) != 0 { throw .cannotWrite(path: path, reason: FileSystem.reason(errno)) }
    }

    /// The SHA-256 of everything written, lower-case hexadecimal.
    public var sha256: String { hash.hexDigest() }

    /// Flushes and closes the file.
    public func close() throws(OutputError) {
        try flush()
        try? handle.close()
    }
}

/// POSIX `write(2)` (the class's own `write` hides the name).
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, bytes, count)
}
