// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// The IO tests' fixtures folder (Fixtures/README.md says how each folder was made).
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TransferSimIOTests/Fixtures")
/// The results folder the IO tests draw their golden charts from.
private let fixtureResults = fixtures.appendingPathComponent("results").path

/// The part of a report page from `<h2>heading</h2>` up to the next `<h2>` (or the end of the body).
func reportSection(_ html: String, _ heading: String) -> String? {
    guard let start = html.range(of: "<h2>\(heading)</h2>") else { return nil }
    let rest = html[start.lowerBound...]
    let end = rest.dropFirst(4).range(of: "<h2>")?.lowerBound ?? rest.range(of: "</body>")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
}

/// Compares `text` with the golden file `name` in Fixtures/golden, or rewrites it when the
/// environment sets `RECORD_GOLDEN=1` (the test then fails, so a recording is never taken for a pass).
func assertGoldenReport(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = fixtures.appendingPathComponent("golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    let expected = try #require(
        try? String(contentsOf: url, encoding: .utf8), "golden file \(name) is missing: record it with RECORD_GOLDEN=1",
        sourceLocation: sourceLocation)
    guard text != expected else { return }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = Array(zip(got, wanted)).firstIndex { $0 != $1 } ?? min(got.count, wanted.count)
    Issue.record(
        "\(name) differs from its golden file at line \(line + 1):\n  got:      \(line < got.count ? String(got[line]) : "<end>")\n  expected: \(line < wanted.count ? String(wanted[line]) : "<end>")\nIf the change is intended, re-record with RECORD_GOLDEN=1.",
        sourceLocation: sourceLocation)
}

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

    /// A sensitivity spec with two outputs (Fixtures/report-inputs/two-outputs.yaml, one at a
    /// time): the report shows both, each with its tornado (intervals and settings) and a table of
    /// every parameter's low and high setting, the output there and both changes with intervals.
    @Test("the report of a two-output sensitivity spec shows both outputs (golden)")
    func sensitivityTwoOutputs() throws {
        let workspace = try Workspace()
        let folder = fixtures.appendingPathComponent("sensitivity-two-outputs").path
        for (lang, heading, file) in [("en", "Sensitivity", "report-sensitivity-two-outputs.html"), ("zh", "敏感性分析", "report-sensitivity-two-outputs-zh.html")] {
            let result = try workspace.run(["report", folder, "--lang", lang, "--out", "s.html"])
            #expect(result.status == 0, "\(result.stderr)")
            let section = try #require(reportSection(try workspace.text("s.html"), heading))
            for output in ["converted_local", "fiscal_cost_total"] {
                #expect(section.contains("<code>\(output)</code>"), "\(output)")
            }
            #expect(section.components(separatedBy: "<svg").count == 3, "one tornado per output")
            // Each parameter's low and high setting is written in the table and at the bars' ends.
            #expect(section.contains("= 0.9") && section.contains("= 300") && section.contains("= 0.15"))
            try assertGoldenReport(section, file)
        }
    }

    /// A compare of two variants (Fixtures/report-inputs/report-city.yaml): the report names what
    /// each variant changes (from manifest.json's variants) and lists every metric of compare.csv
    /// for each variant with its paired difference.
    @Test("the report of a compare shows each variant's overrides and every metric (golden)")
    func compareOverridesAndEveryMetric() throws {
        let workspace = try Workspace()
        let folder = fixtures.appendingPathComponent("compare-variants")
        let result = try workspace.run(["report", folder.path, "--out", "c.html"])
        #expect(result.status == 0, "\(result.stderr)")
        let section = try #require(reportSection(try workspace.text("c.html"), "Variants against the baseline"))
        let csv = try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8)
        let metrics = Set(csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        #expect(metrics.count > 40)
        for metric in metrics {
            #expect(section.components(separatedBy: "<code>\(metric)</code>").count == 3, "\(metric) in both variants")
        }
        for (path, value) in [
            ("policy.income.inventor_share", "0.7"), ("policy.poc.slots", "30"),
            ("policy.poc.invest_first_equity_later", "true"),
        ] {
            #expect(section.contains("<code>\(path)</code></td><td class=\"value num\"><strong>\(value)</strong>"), "\(path)")
        }
        // A setting the variant states but which equals the baseline's is listed, not emphasised.
        #expect(section.contains("<code>policy.income.transfer_staff_share</code></td><td class=\"value num\">0.05</td><td class=\"value num\">0.05</td>"))
        #expect(section.contains("概念验证先投后股"))
        try assertGoldenReport(section, "report-compare-variants.html")
    }

    /// The cost curve of a compare (Fixtures/compare-phased, from report-inputs/phased-city.yaml):
    /// the chart, a sentence per variant with the year from which its extra local conversions to
    /// date are above zero, and every variant's year with its differences to date and the cost per
    /// extra local conversion; in English and Chinese. A folder without compare_timeseries.csv (of
    /// an earlier version) gets no such part.
    @Test("the report of a compare draws the cost curve, year by year (golden)")
    func compareCostCurve() throws {
        let workspace = try Workspace()
        let folder = fixtures.appendingPathComponent("compare-phased").path
        for (lang, heading, file) in [
            ("en", "When each variant starts to pay off: the cost curve", "report-cost-curve.html"),
            ("zh", "各方案何时见效：成本曲线", "report-cost-curve-zh.html"),
        ] {
            let result = try workspace.run(["report", folder, "--lang", lang, "--out", "c.html"])
            #expect(result.status == 0, "\(result.stderr)")
            let html = try workspace.text("c.html")
            let start = try #require(html.range(of: "<h3>\(heading)</h3>"))
            let part = String(html[start.lowerBound..<(html[start.upperBound...].range(of: "<h3>")?.lowerBound ?? html.endIndex)])
            #expect(part.components(separatedBy: "<svg").count == 2, "the chart")
            // Two variants × six years, each year a row.
            #expect(part.components(separatedBy: "<tr><td>").count - 1 == 12)
            try assertGoldenReport(part, file)
        }
        let english = try workspace.run(["report", folder, "--out", "e.html"])
        #expect(english.status == 0)
        let html = try workspace.text("e.html")
        // 70 % shares: conversions to date above zero from year 2 (fixture: +0.12 [+0.02, +0.23]).
        #expect(html.contains("the extra local conversions are above zero (95 % interval) from year 2."))
        // The PoC centre's years before its change: no difference, no ratio.
        #expect(html.contains("<tr><td>poc_centre_year_3</td><td class=\"value num\">2</td><td class=\"value num\">0.00</td><td class=\"value num\">[0.00, 0.00]</td>"))
        let old = try workspace.run(["report", fixtures.appendingPathComponent("compare-variants").path, "--out", "old.html"])
        #expect(old.status == 0)
        #expect(!(try workspace.text("old.html")).contains("cost curve"))
    }

    /// A calibration folder (Fixtures/calibration): the report's calibration section in English and
    /// Chinese — diagnostics, a prior/posterior chart per fitted parameter and their table, the
    /// predictive chart and table, the generations — and `plot` of its two charts.
    @Test("the report of a calibration: diagnostics, prior against posterior, observed against predictive (golden)")
    func calibration() throws {
        let workspace = try Workspace()
        let folder = fixtures.appendingPathComponent("calibration").path
        for (lang, heading, file) in [("en", "Calibration", "report-calibration.html"), ("zh", "校准", "report-calibration-zh.html")] {
            let result = try workspace.run(["report", folder, "--lang", lang, "--out", "cal.html"])
            #expect(result.status == 0, "\(result.stderr)")
            let section = try #require(reportSection(try workspace.text("cal.html"), heading))
            #expect(section.components(separatedBy: "<svg").count - 1 == 4, "three parameters and the predictive chart")
            #expect(section.components(separatedBy: "<li class=\"note\">").count - 1 == 3, "two parameters not identified, one figure missed")
            try assertGoldenReport(section, file)
        }
        for chart in ["posterior", "predictive"] {
            let plot = try workspace.run(["plot", folder, chart, "--svg", "\(chart).svg"])
            #expect(plot.status == 0, "\(plot.stderr)")
            #expect(try workspace.text("\(chart).svg").hasPrefix("<svg xmlns="))
        }
        let unknown = try workspace.run(["plot", folder, "posterior", "--metric", "region.nothing", "--svg", "x.svg"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("'region.nothing' is not a fitted parameter"))
        #expect(!workspace.exists("x.svg"))
    }

    /// `compare` records each variant's description and overrides in manifest.json (`a+b` the
    /// union, with both descriptions), and the report of a fresh folder shows them.
    @Test("compare writes the variants' overrides into manifest.json")
    func compareManifestVariants() throws {
        let workspace = try Workspace()
        try workspace.write(
            "two.yaml",
            smallScenario + """
                  landed:
                    description: "More land"
                    policy:
                      land: {annual_quota_mu: 300}

                """)
        let run = try workspace.run(["compare", "two.yaml", "--trials", "4", "--policy", "generous+landed", "--out", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: workspace.data("c/manifest.json")) as? [String: Any])
        let variants = try #require(manifest["variants"] as? [[String: Any]])
        #expect(variants.count == 1)
        #expect(variants.first?["name"] as? String == "generous+landed")
        #expect(variants.first?["description"] as? String == "generous: More for inventors; landed: More land")
        let overrides = try #require(variants.first?["overrides"] as? [String: [String: String]])
        #expect(overrides["policy.income.inventor_share"]?["value"] == "0.7")
        #expect(overrides["policy.land.annual_quota_mu"]?["value"] == "300")
        #expect(overrides["policy.income.inventor_share"]?["origin"]?.hasPrefix("two.yaml:") == true)
        #expect(overrides.count == 2)
        #expect(try workspace.run(["report", "c", "--out", "c.html"]).status == 0)
        #expect(try workspace.text("c.html").contains("<strong>300</strong>"))
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
            "funnel", "fan-conversions", "fan-fiscal", "histogram", "compare", "cost-curve", "sweep", "jcurve", "tvpi",
            "irr", "tornado", "sobol", "levers", "posterior", "predictive",
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
