// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimIO

/// `transfersim plot`: one chart of a results folder as a standalone SVG (and PNG when
/// `rsvg-convert` is installed), for slides.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw one chart of a results folder as SVG (and PNG with rsvg-convert).",
        discussion: """
            Charts:
            \(ChartKind.allCases.map { "  \($0.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

            The SVG goes to --svg (default: CHART.svg in the current folder). When rsvg-convert \
            (Debian: librsvg2-bin) is on PATH, a PNG at twice the size is written beside it. \
            The folder is first checked against its manifest.json, as by report. Exit status: \
            66 when the folder is missing, 65 when it is incomplete, altered or not a results \
            folder (naming the file) or lacks the chart's data, 64 or 73 when --svg is refused \
            (an empty path, a table of the folder, a folder, symbolic link, device or FIFO).
            """
    )

    @Argument(help: ArgumentHelp("A folder written by run, compare, sweep, sensitivity, levers or calibrate.", valueName: "results-dir"))
    var folder: String

    @Argument(help: ArgumentHelp("The chart to draw (listed above).", valueName: "chart"))
    var chart: String

    @Option(help: ArgumentHelp("Where to write the SVG.", valueName: "file"))
    var svg: String?

    @Option(
        help: ArgumentHelp(
            "The metric of histogram, compare, sweep, tornado and sobol (e.g. converted_local), or the fitted parameter of posterior.", valueName: "name"))
    var metric: String?

    @Option(help: ArgumentHelp("The fund of jcurve, tvpi and irr (default: the first).", valueName: "id"))
    var fund: String?

    @Option(help: ArgumentHelp("Label language: en or zh.", valueName: "lang"))
    var lang: String = "en"

    func validate() throws {
        guard ChartKind(rawValue: chart) != nil else {
            throw ValidationError(
                "unknown chart '\(chart)'; one of: \(ChartKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ReportLanguage(rawValue: lang) != nil else {
            throw ValidationError("--lang must be en or zh, not '\(lang)'")
        }
    }

    func run() throws {
        let kind = ChartKind(rawValue: chart) ?? .funnel
        let catalogue = ChartCatalogue(
            folder: try ReportSupport.read(folder), language: ReportLanguage(rawValue: lang) ?? .en)
        let document: String
        do {
            document = try catalogue.svg(kind, metric: metric, fund: fund)
        } catch let error as ChartCatalogue.Unavailable {
            Diagnostics.write(error.description)
            throw Diagnostics.invalidInput
        }
        let path = svg ?? "\(chart).svg"
        try ReportSupport.write(document, to: path, inputs: [folder])
        var wrote = [path]
        if let converter = ReportSupport.onPath("rsvg-convert") {
            let png = (path.hasSuffix(".svg") ? String(path.dropLast(4)) : path) + ".png"
            if !AtomicFile.mayWrite(to: png) {
                Diagnostics.write("warning: '\(png)' is not a regular file; wrote the SVG only")
            } else if ReportSupport.convert(converter, svg: path, png: png) {
                wrote.append(png)
            } else {
                Diagnostics.write("warning: rsvg-convert could not convert '\(path)'; wrote the SVG only")
            }
        } else {
            Diagnostics.write(
                "note: rsvg-convert is not on PATH (Debian: apt-get install librsvg2-bin); wrote the SVG only")
        }
        print("Wrote \(wrote.joined(separator: " and ")).")
    }
}

/// What `plot` and `report` share: reading the folder and writing a file, with their exit codes.
enum ReportSupport {
    /// The results folder at `path`, checked against its manifest first; a missing folder exits
    /// 66, one that is not a complete, unaltered results folder 65 (naming the file).
    static func read(_ path: String) throws -> ResultsFolder {
        do throws(ResultsFolder.ReadError) {
            return try ResultsFolder.verified(path)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
    }

    /// Writes `text` to `path` atomically; a refused path exits 64 or 73, a failed write 74.
    static func write(_ text: String, to path: String, inputs: [String]) throws {
        do throws(OutputError) {
            try AtomicFile.write(text, to: path, inputs: inputs)
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// The full path of `program` when it is an executable on PATH.
    static func onPath(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Converts an SVG to a PNG at twice its size with rsvg-convert; whether it succeeded.
    static func convert(_ converter: String, svg: String, png: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["--zoom", "2", "--format", "png", "--output", png, svg]
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
