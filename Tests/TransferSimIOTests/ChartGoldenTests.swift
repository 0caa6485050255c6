// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

@testable import TransferSimIO

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The fixed results folders the chart tests draw from (`Fixtures/README.md` says how they were made).
enum ChartFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let results = root.appendingPathComponent("results").path
    static let sweep1D = root.appendingPathComponent("sweep-1d").path
    static let levers = root.appendingPathComponent("levers").path
    static let comparePhased = root.appendingPathComponent("compare-phased").path
    static let calibration = root.appendingPathComponent("calibration").path
    static let golden = root.appendingPathComponent("golden")

    static func folder(_ path: String) throws -> ResultsFolder { try ResultsFolder(path: path) }
}

/// Compares `svg` with the golden file `name`, or rewrites the golden file when the environment
/// sets `RECORD_GOLDEN=1` (then the test fails, so a recording run is never mistaken for a pass).
func assertGolden(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = ChartFixtures.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: ChartFixtures.golden, withIntermediateDirectories: true)
        try Data(svg.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    let expected = try #require(
        try? String(contentsOf: url, encoding: .utf8),
        "golden file \(name) is missing: record it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
    guard svg != expected else { return }
    // Name the first differing line rather than dumping both documents.
    let actualLines = svg.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 } ?? min(actualLines.count, expectedLines.count)
    let got = line < actualLines.count ? String(actualLines[line]) : "<end of file>"
    let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
    Issue.record(
        "\(name) differs from its golden file at line \(line + 1):\n  got:      \(got)\n  expected: \(wanted)\nIf the change is intended, re-record with RECORD_GOLDEN=1.",
        sourceLocation: sourceLocation)
}

/// Whether `text` is well-formed XML (every user string escaped, every element closed).
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite("Chart golden files")
struct ChartGoldenTests {
    static let cases: [(kind: ChartKind, file: String)] = [
        (.funnel, "funnel.svg"), (.fanConversions, "fan-conversions.svg"), (.fanFiscal, "fan-fiscal.svg"),
        (.histogram, "histogram.svg"), (.compare, "compare.svg"), (.sweep, "sweep-heatmap.svg"),
        (.jcurve, "jcurve.svg"),
        (.tvpi, "tvpi.svg"), (.irr, "irr.svg"), (.tornado, "tornado.svg"), (.sobol, "sobol.svg"),
    ]

    @Test("every chart type matches its golden SVG", arguments: cases.map(\.kind))
    func golden(_ kind: ChartKind) throws {
        let catalogue = ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en)
        let svg = try catalogue.svg(kind)
        #expect(isWellFormedXML(svg))
        try assertGolden(svg, Self.cases.first { $0.kind == kind }?.file ?? "")
    }

    @Test("a one-parameter sweep is a line chart with its 95 % band")
    func sweepLine() throws {
        let svg = try ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.sweep1D), language: .en).svg(.sweep)
        #expect(svg.contains("<polyline"))
        #expect(svg.contains("<polygon"))
        #expect(isWellFormedXML(svg))
        try assertGolden(svg, "sweep-line.svg")
    }

    /// The cost-effectiveness chart of a `levers` folder (six levers of a 300-trial run of the
    /// default scenario): one point per lever with both intervals, the same bytes when drawn twice.
    @Test("the levers cost-effectiveness chart")
    func levers() throws {
        let draw = { try ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.levers), language: .en).svg(.levers) }
        let svg = try draw()
        #expect(isWellFormedXML(svg))
        #expect(svg == (try draw()))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 6 + 1, "six levers and the legend's dot")
        #expect(svg.contains(">land_400</text>") && svg.contains(">tech_loans_off</text>"))
        try assertGolden(svg, "levers.svg")
    }

    /// The cost curve of a compare (Fixtures/compare-phased: 70 % inventor shares from year 1, a PoC
    /// centre from year 3): one path per variant from the origin, a dot per year with both
    /// intervals, the years with no difference yet (1 and 2 of the scheduled centre) at the origin
    /// under one label.
    @Test("the cost curve of a comparison")
    func costCurve() throws {
        let draw = { (language: ReportLanguage) in
            try ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.comparePhased), language: language).svg(.costCurve)
        }
        let svg = try draw(.en)
        #expect(isWellFormedXML(svg))
        #expect(svg == (try draw(.en)))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2, "one path per variant")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2 * 6, "a dot per variant and year (the legend has lines)")
        #expect(svg.contains(">y1–y2</text>"), "the scheduled variant's years before its change share the origin")
        #expect(svg.components(separatedBy: ">y1</text>").count - 1 == 1, "generous_shares's own year 1")
        #expect(svg.contains(">generous_shares</text>") && svg.contains(">poc_centre_year_3</text>"))
        try assertGolden(svg, "cost-curve.svg")
        let zh = try draw(.zh)
        #expect(zh.contains("成本曲线") && zh.contains(">第1年–第2年</text>") && zh.contains("（万元）"))
    }

    @Test("Chinese labels: the funnel with --lang zh")
    func chineseFunnel() throws {
        let svg = try ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.results), language: .zh).svg(
            .funnel)
        #expect(svg.contains("成果去向"))
        #expect(svg.contains("概念验证"))
        try assertGolden(svg, "funnel-zh.svg")
    }

    @Test("drawing twice gives the same bytes")
    func deterministic() throws {
        let folder = try ChartFixtures.folder(ChartFixtures.results)
        for kind in ChartKind.allCases where ![.levers, .costCurve, .posterior, .predictive].contains(kind) {
            let a = try ChartCatalogue(folder: folder, language: .en).svg(kind)
            let b = try ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en).svg(kind)
            #expect(a == b, "\(kind.rawValue)")
        }
    }

    @Test("a chart the folder has no data for is an error naming the file")
    func unavailable() throws {
        let catalogue = ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.sweep1D), language: .en)
        let error = #expect(throws: ChartCatalogue.Unavailable.self) { try catalogue.svg(.funnel) }
        #expect(error?.description.contains("funnel.csv") == true)
    }
}

@Suite("Sweep charts")
struct SweepChartTests {
    @Test("three or more parameters give one partial-dependence chart per parameter, in the parameter's own units")
    func partialDependence() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-3d-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "point,a.b,c.d,e.f,converted_local.mean,converted_local.ci_low,converted_local.ci_high\n"
        for i in 0..<20 {
            let a = Double(i % 5)
            let c = Double((i * 7) % 11)
            let e = Double(i)
            csv += "\(i),\(a),\(c),\(e),\(10 * a + e),\(10 * a + e - 1),\(10 * a + e + 1)\n"
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("sweep.csv"))
        let results = try ResultsFolder(path: folder.path)
        #expect(results.sweepParameters == ["a.b", "c.d", "e.f"])
        let catalogue = ChartCatalogue(folder: results, language: .en)
        let label = MetricLabel("converted_local", language: .en)
        let means = results.sweep?.rows.map { results.sweep?.number($0, "converted_local.mean") ?? .nan } ?? []
        let aValues = results.sweep?.rows.map { results.sweep?.number($0, "a.b") ?? .nan } ?? []
        let chart = catalogue.partialDependence(parameter: "a.b", values: aValues, means: means, label: label)
        #expect(chart.xTitle == "a.b")
        // Five groups of four points, one per value of a.b (0…4, the real values, not rescaled): the
        // points with a.b = k are i = k, k+5, k+10, k+15, so the metric 10·a + i averages 11·k + 7.5.
        let points = try #require(chart.series.first?.points)
        #expect(points.map(\.x) == [0, 1, 2, 3, 4])
        #expect(points.map(\.y) == [7.5, 18.5, 29.5, 40.5, 51.5])
        // The band is the t interval of each group's mean: sd of {0, 5, 10, 15} is 6.455, t(0.975, 3) = 3.182,
        // so the half-width is 3.182 × 6.455 / 2 = 10.27.
        for p in points {
            let half = try #require(p.high) - p.y
            #expect(abs(half - 10.27) < 0.01)
            #expect(abs((p.y - (p.low ?? .nan)) - half) < 1e-9)
        }
        let svg = try catalogue.svg(.sweep)
        #expect(svg.contains("partial dependence on a.b") && svg.contains("partial dependence on e.f"))
        #expect(svg.components(separatedBy: "<g transform=\"translate(0 ").count == 4, "three panels")
        #expect(!svg.contains("0 = lowest"))
        #expect(isWellFormedXML(svg))
    }
}
