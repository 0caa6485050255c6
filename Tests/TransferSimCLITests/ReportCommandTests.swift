// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// The results folder the IO tests draw their golden charts from.
private let fixtureResults = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TransferSimIOTests/Fixtures/results").path

@Suite("report and plot commands")
struct ReportCommandTests {
    @Test("report writes one self-contained HTML file, atomically, with the escaped scenario name")
    func report() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["report", fixtureResults, "--out", "page.html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote page.html ("))
        let html = try workspace.text("page.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path).filter {
            $0.contains("partial")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("report of a fresh run: every run section, Chinese with --lang zh")
    func reportOfRun() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        #expect(try workspace.run(["run", "small.yaml", "--trials", "20", "--out", "r"]).status == 0)
        let result = try workspace.run(["report", "r", "--lang", "zh"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try workspace.text("report.html")
        // Every run has the default seed fund, so its fund_cashflows.csv gives a funds section.
        for heading in ["主要结果", "转化漏斗", "逐年变化", "试验间分布", "基金", "来源与参数"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
    }

    @Test("a missing folder exits 66, a folder without results 65, naming the folder")
    func folderErrors() throws {
        let workspace = try Workspace()
        let missing = try workspace.run(["report", "nowhere"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("'nowhere' does not exist"))
        try FileManager.default.createDirectory(
            at: workspace.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try workspace.run(["plot", "empty", "funnel"])
        #expect(empty.status == 65)
        #expect(empty.stderr == "error: 'empty/manifest.json' is missing: 'empty' is not a complete TransferSim results folder\n")
        #expect(!workspace.exists("funnel.svg"))
    }

    @Test("plot --help lists the charts; an unknown chart is a usage error")
    func plotHelp() throws {
        let workspace = try Workspace()
        let help = try workspace.run(["plot", "--help"])
        #expect(help.status == 0)
        for name in [
            "funnel", "fan-conversions", "fan-fiscal", "histogram", "compare", "sweep", "jcurve", "tvpi", "irr",
            "tornado", "sobol",
        ] {
            #expect(help.stdout.contains("  \(name) "), "\(name)")
        }
        let unknown = try workspace.run(["plot", fixtureResults, "pie"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown chart 'pie'"))
    }

    @Test("plot writes the SVG (and a PNG when rsvg-convert is on PATH, else says so)")
    func plot() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["plot", fixtureResults, "tornado", "--svg", "t.svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try workspace.text("t.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("&lt;b&gt;user&lt;/b&gt;"))
        let hasConverter = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }
        if hasConverter {
            #expect(workspace.exists("t.png"))
            #expect(try workspace.data("t.png").starts(with: [0x89, 0x50, 0x4E, 0x47]))
        } else {
            #expect(result.stderr.contains("rsvg-convert is not on PATH"))
        }
    }

    @Test("a chart the folder has no data for exits 65 naming the missing file")
    func missingData() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        #expect(try workspace.run(["run", "small.yaml", "--trials", "5", "--out", "r"]).status == 0)
        let result = try workspace.run(["plot", "r", "sobol"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("sensitivity.csv"))
    }
}
