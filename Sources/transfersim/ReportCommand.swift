// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimIO

/// `transfersim report`: one self-contained HTML page of a results folder's charts and numbers.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (inline SVG charts, no scripts) of a results folder.",
        discussion: """
            The report holds, where the folder has the data: headline numbers with their 90 % \
            intervals, the pipeline funnel, fan charts of conversions and fiscal spending by year, \
            a histogram of local conversions, fund J-curves and TVPI/IRR, each variant's paired \
            difference from the baseline with what the variant changes (compare), sweep charts \
            with each point's interval and a note when differences are within noise, every \
            output of a sensitivity analysis (tornado with intervals and settings, Sobol), the \
            ranked lever table and cost-effectiveness chart (levers), the diagnostics, prior \
            against posterior per fitted parameter and each observed figure against its \
            posterior predictive interval (calibrate), a table of every metric \
            (folded where long), and the resolved parameters (swept ones marked) and provenance \
            from manifest.json. It opens offline; Chinese text (--lang zh, with each parameter's \
            Chinese label beside its path) uses a system CJK font (Debian: fonts-noto-cjk). The folder is first \
            checked against its manifest.json (every file present with its recorded size and \
            SHA-256, no table it does not list). --out must be a new or regular file, not a \
            table of the folder. Exit status: 66 when the folder is missing, 65 when it is \
            incomplete, altered or not a results folder (naming the file), 64 or 73 when --out \
            is refused.
            """
    )

    @Argument(help: ArgumentHelp("A folder written by run, compare, sweep, sensitivity, levers or calibrate.", valueName: "results-dir"))
    var folder: String

    @Option(help: ArgumentHelp("Where to write the HTML.", valueName: "file"))
    var out: String = "report.html"

    @Option(help: ArgumentHelp("Label language: en or zh.", valueName: "lang"))
    var lang: String = "en"

    func validate() throws {
        guard ReportLanguage(rawValue: lang) != nil else {
            throw ValidationError("--lang must be en or zh, not '\(lang)'")
        }
    }

    func run() throws {
        let results = try ReportSupport.read(folder)
        let html = HTMLReport(folder: results, language: ReportLanguage(rawValue: lang) ?? .en).html
        try ReportSupport.write(html, to: out, inputs: [folder])
        print("Wrote \(out) (\(html.utf8.count / 1024) KB).")
    }
}
