// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// Messages on standard error and the exit codes of ENGINEERING.md: 64 usage (argument-parser's
/// validation errors), 65 invalid scenario, 66 missing input file, 73 cannot create the output
/// folder, 74 cannot write an output file, 1 anything else.
enum Diagnostics {
    /// An invalid scenario or data (`EX_DATAERR`).
    static let invalidInput = ExitCode(65)
    /// A missing or unreadable input file (`EX_NOINPUT`).
    static let missingInput = ExitCode(66)

    /// Writes `text` and a line end to standard error.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes each problem (`file:line:column: error: message`) on its own line.
    static func write(_ error: ScenarioError) {
        for problem in error.problems { write(problem.description) }
    }

    /// The exit code for a scenario error: 66 when the file could not be read, else 65.
    static func exitCode(for error: ScenarioError) -> ExitCode {
        error.category == .missingFile ? missingInput : invalidInput
    }

    /// Reports a scenario error and gives the exit code to throw.
    static func report(_ error: ScenarioError) -> ExitCode {
        write(error)
        return exitCode(for: error)
    }

    /// Reports an output error and gives the exit code to throw (73 or 74).
    static func report(_ error: OutputError) -> ExitCode {
        write(error.description)
        return ExitCode(error.exitCode)
    }
}
