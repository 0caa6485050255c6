// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimIO

/// `transfersim export`: a results folder as an Excel workbook.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a results folder as an Excel workbook (.xlsx) with Chinese and English headers, units and charts.",
        discussion: """
            The workbook has a first sheet saying what the run was (scenario, policy, command, \
            seed, trials, version, git revision, times; 中文 and English), a sheet of native Excel \
            charts (time series, funnel, each variant's or lever step's paired difference with its \
            95 % interval, sweep points, sensitivity indices) and one sheet per table of the folder. \
            Each table sheet has five frozen header rows (title, 中文, English, unit 单位, the CSV's \
            column name); rows that name a metric get its Chinese and English labels and unit \
            beside it (from metrics.csv). Numbers are the CSV's values; formats only round what is \
            shown (thousands separators, 万元, percentages).

            The folder is first checked against its manifest.json (exit 65 when it is incomplete, \
            altered or not a results folder, 66 when it is missing). The workbook is written to a \
            temporary file beside FILE and renamed into place, so a failed export leaves no \
            half-written workbook. FILE must be a new or regular file (exit 73 otherwise, 74 when \
            it cannot be written). `run`, `compare`, `levers`, `sweep` and `sensitivity` take \
            --xlsx FILE to write the workbook of their folder right after it.
            """
    )

    @Argument(help: ArgumentHelp("A folder written by run, compare, levers, sweep, merge or sensitivity.", valueName: "results-dir"))
    var folder: String

    @Option(help: ArgumentHelp("Where to write the workbook (.xlsx).", valueName: "file"))
    var xlsx: String

    func run() throws {
        try WorkbookOption.write(folder: folder, to: xlsx)
        print("Wrote \(xlsx).")
    }
}

/// `--xlsx FILE` on the commands that write a results folder: the folder's workbook, written
/// after the folder (see `export`).
struct WorkbookOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write the results folder as an Excel workbook (see `transfersim export`).", valueName: "file"))
    var xlsx: String?

    /// Refuses, before any work, a workbook path that cannot be written.
    func preflight() throws {
        guard let xlsx else { return }
        do throws(ResultsWorkbook.Failure) {
            try ResultsWorkbook.checkWritable(xlsx)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
    }

    /// Writes the workbook of `folder`, when asked for; the line to print about it.
    @discardableResult
    func write(folder: String) throws -> String? {
        guard let xlsx else { return nil }
        try Self.write(folder: folder, to: xlsx)
        return "Wrote \(xlsx)."
    }

    static func write(folder: String, to path: String) throws {
        do throws(ResultsWorkbook.Failure) {
            try ResultsWorkbook.write(folder: folder, to: path)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}
