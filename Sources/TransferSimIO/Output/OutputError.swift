// SPDX-License-Identifier: GPL-3.0-or-later

/// Why an output folder could not be written. The cases map to the exit codes of ENGINEERING.md:
/// 64 when the output path itself is a usage mistake (empty, `.`, one of the command's own
/// inputs), 73 when the folder cannot be created (or something that must not be replaced stands
/// at the path), 74 when a file in it cannot be written.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output path cannot be used as given (exit 64): `reason` says why.
    case invalidPath(path: String, reason: String)
    /// The output folder (or one of its parents, named by `path`) could not be created.
    case cannotCreate(path: String, reason: String)
    /// A file in the output folder could not be written, replaced or removed.
    case cannotWrite(path: String, reason: String)

    /// The process exit code for this error (`EX_CANTCREAT` 73, `EX_IOERR` 74).
    public var exitCode: Int32 {
        switch self {
        case .invalidPath: return 64
        case .cannotCreate: return 73
        case .cannotWrite: return 74
        }
    }

    /// The file or folder the error is about.
    public var path: String {
        switch self {
        case let .invalidPath(path, _), let .cannotCreate(path, _), let .cannotWrite(path, _): return path
        }
    }

    /// The system's reason, e.g. "permission denied".
    public var reason: String {
        switch self {
        case let .invalidPath(_, reason), let .cannotCreate(_, reason), let .cannotWrite(_, reason): return reason
        }
    }

    /// `error: cannot create 'out/run': permission denied`.
    public var description: String {
        switch self {
        case let .invalidPath(path, reason): return "error: cannot write to '\(path)': \(reason)"
        case let .cannotCreate(path, reason): return "error: cannot create '\(path)': \(reason)"
        case let .cannotWrite(path, reason): return "error: cannot write '\(path)': \(reason)"
        }
    }
}
