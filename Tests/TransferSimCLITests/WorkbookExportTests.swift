// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `export --xlsx` and `--xlsx` on the commands that write a results folder: the workbook read
/// back with openpyxl (scripts/check-workbook.py) has a sheet per table with Chinese and English
/// headers and units, and every number equal to the CSV's; failures leave no workbook.
@Suite struct WorkbookExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Python that has openpyxl: `$TRANSFERSIM_PYTHON`, else the tools environment `make test`
    /// creates (.build/tools-venv), else `python3` on the PATH.
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["TRANSFERSIM_PYTHON"], !path.isEmpty { return path }
        let venv = root.appendingPathComponent(".build/tools-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Runs scripts/check-workbook.py on `folder` and `workbook` in `workspace`.
    func check(_ workspace: Workspace, _ folder: String, _ workbook: String, charts: Int,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.python, Self.root.appendingPathComponent("scripts/check-workbook.py").path,
                             workspace.path(folder), workspace.path(workbook), "--charts", String(charts)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 2,
                "openpyxl is missing: `make test` installs it in .build/tools-venv (or set TRANSFERSIM_PYTHON)",
                sourceLocation: sourceLocation)
        #expect(process.terminationStatus == 0, "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains("matches"), "\(text)", sourceLocation: sourceLocation)
    }

    @Test func runAndCompareWorkbooksMatchTheirCSV() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "12", "--out", "run", "--xlsx", "run.xlsx"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Wrote run.xlsx.\n"))
        // Charts: four time series and the funnel.
        try check(workspace, "run", "run.xlsx", charts: 5)

        let compare = try workspace.run(["compare", "small.yaml", "--trials", "12", "--out", "cmp", "--xlsx", "cmp.xlsx"])
        #expect(compare.status == 0, "\(compare.stderr)")
        // Charts: the five headline metrics' paired differences, and the variant's Δ fiscal cost
        // and Δ local conversions to date by year (compare_timeseries.csv).
        try check(workspace, "cmp", "cmp.xlsx", charts: 7)

        // `export` of the same folder writes the same sheets.
        let export = try workspace.run(["export", "run", "--xlsx", "again.xlsx"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout == "Wrote again.xlsx.\n")
        try check(workspace, "run", "again.xlsx", charts: 5)
    }

    @Test func sweepAndSensitivityWorkbooksMatchTheirCSV() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("sweep.yaml", """
            scenario: small.yaml
            design: grid
            trials: 4
            seed: 3
            parameters:
              policy.income.inventor_share: {values: [0.5, 0.7]}
            """)
        let sweep = try workspace.run(["sweep", "sweep.yaml", "--out", "sw", "--xlsx", "sw.xlsx"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        try check(workspace, "sw", "sw.xlsx", charts: 1)
        try workspace.write("sens.yaml", """
            scenario: small.yaml
            method: oat
            trials: 4
            seed: 3
            outputs: [converted_local, fiscal_cost_total]
            parameters:
              policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
              policy.land.annual_quota_mu: {range: {low: 50, high: 300}}
            """)
        let sensitivity = try workspace.run(["sensitivity", "sens.yaml", "--out", "sens", "--xlsx", "sens.xlsx"])
        #expect(sensitivity.status == 0, "\(sensitivity.stderr)")
        // One chart per output.
        try check(workspace, "sens", "sens.xlsx", charts: 2)
    }

    @Test func aFailedExportLeavesNoWorkbookAndTheEarlierOne() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "4", "--out", "run"])
        #expect(run.status == 0, "\(run.stderr)")
        try workspace.write("book.xlsx", "earlier")
        let failed = try workspace.run(["export", "run", "--xlsx", "book.xlsx"], environment: ["TRANSFERSIM_FAIL_WRITE": "book.xlsx"])
        #expect(failed.status == 74)
        #expect(failed.stderr == "error: cannot write 'book.xlsx': no space left on device\n")
        #expect(try workspace.text("book.xlsx") == "earlier")
        #expect(workspace.entries(".") == ["book.xlsx", "run", "small.yaml"], "no temporary file is left")

        // A missing or altered folder: nothing is written.
        let missing = try workspace.run(["export", "nothing", "--xlsx", "new.xlsx"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "error: results folder 'nothing' does not exist\n")
        try workspace.write("run/summary.csv", "metric,n\n")
        let altered = try workspace.run(["export", "run", "--xlsx", "new.xlsx"])
        #expect(altered.status == 65)
        #expect(altered.stderr.contains("'run/summary.csv'"), "\(altered.stderr)")
        #expect(!workspace.exists("new.xlsx"))

        // An unwritable --xlsx is refused before the run: no results folder either.
        let refused = try workspace.run(["run", "small.yaml", "--trials", "4", "--out", "other", "--xlsx", "run"])
        #expect(refused.status == 73)
        #expect(refused.stderr == "error: cannot create 'run': it is a folder; name a file\n")
        #expect(!workspace.exists("other"))
    }
}
