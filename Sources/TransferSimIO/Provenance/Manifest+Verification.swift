// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension Manifest {
    /// Why a results folder cannot be trusted: missing (exit 66), or incomplete, altered or of
    /// the wrong kind (exit 65). The message names the offending file.
    public struct FolderProblem: Error, Sendable, CustomStringConvertible {
        /// `error: …`, naming the folder or file.
        public let description: String
        /// 66 when the folder is missing, else 65.
        public let exitCode: Int32

        init(_ message: String, exitCode: Int32 = 65) {
            self.description = "error: " + message
            self.exitCode = exitCode
        }
    }

    /// The manifest of the results folder at `path`, once the folder is found to be exactly what
    /// the manifest lists: every file present with its recorded size and SHA-256, no table
    /// (`.csv`) that it does not list (a leftover of another run; a report or chart saved into
    /// the folder is allowed),
    /// and written by one of `kinds` (`run`, `compare`, `sweep`, `sensitivity`, `merge`).
    ///
    /// Every reader (`check`, `report`, `plot`, `merge`, `sweep --resume`) calls this before it
    /// reads a table, so a truncated, edited or mixed folder is refused, naming the file, instead
    /// of giving numbers.
    public static func verifiedFolder(_ path: String, kinds: [String]) throws(FolderProblem) -> Manifest {
        switch FileSystem.kind(at: path) {
        case .none:
            throw FolderProblem("results folder '\(path)' does not exist", exitCode: 66)
        case .directory:
            break
        case .symbolicLink where FileSystem.entry(at: path) == .directory:
            break
        default:
            throw FolderProblem("'\(path)' is a file, not a results folder")
        }
        let manifestPath = OutputFolder.join(path, OutputFolder.manifestName)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(manifestPath, limit: 64 << 20)
        } catch {
            if error.isNoSuchFile {
                throw FolderProblem("'\(manifestPath)' is missing: '\(path)' is not a complete TransferSim results folder")
            }
            throw FolderProblem("cannot read '\(manifestPath)': \(error.reason)")
        }
        let manifest: Manifest
        do {
            manifest = try Manifest.decode(from: Data(bytes))
        } catch {
            throw FolderProblem("'\(manifestPath)' is not a TransferSim manifest (truncated or altered)")
        }
        guard let files = manifest.files, let command = manifest.command else {
            throw FolderProblem("'\(manifestPath)' lists no files: the folder was written by an older TransferSim; run the command again")
        }
        guard kinds.contains(command) else {
            throw FolderProblem("'\(path)' holds the results of `\(command)`, not of \(Self.spoken(kinds))")
        }
        for file in files {
            let filePath = OutputFolder.join(path, file.name)
            let content: [UInt8]
            do {
                content = try FileSystem.readFile(filePath, limit: file.size)
            } catch {
                if error.isNoSuchFile { throw FolderProblem("'\(filePath)' is missing: the folder is incomplete") }
                if error.errorNumber == EFBIG {
                    throw FolderProblem("'\(filePath)' is larger than the \(file.size) bytes its manifest records: it was altered")
                }
                throw FolderProblem("cannot read '\(filePath)': \(error.reason)")
            }
            if content.count != file.size {
                throw FolderProblem("'\(filePath)' has \(content.count) bytes, its manifest records \(file.size): it is truncated or altered")
            }
            if SHA256.hex(of: content) != file.sha256 {
                throw FolderProblem("'\(filePath)' does not match the SHA-256 in its manifest: it was altered")
            }
        }
        let listed = Set(files.map(\.name) + [OutputFolder.manifestName])
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        if let stray = entries.first(where: { !listed.contains($0) && $0.hasSuffix(".csv") }) {
            throw FolderProblem("'\(OutputFolder.join(path, stray))' is not listed in the folder's manifest: it is left from another run or was added later")
        }
        return manifest
    }

    /// `run`, `run or compare`, `run, compare or sweep`.
    static func spoken(_ kinds: [String]) -> String {
        let named = kinds.map { "`\($0)`" }
        guard named.count > 1 else { return named.first ?? "" }
        return named.dropLast().joined(separator: ", ") + " or " + named[named.count - 1]
    }
}
