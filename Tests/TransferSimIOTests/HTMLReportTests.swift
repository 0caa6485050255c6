// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

@testable import TransferSimIO

@Suite("HTML report")
struct HTMLReportTests {
    @Test("user text is escaped in the HTML and in the SVG charts inside it")
    func escaped() throws {
        let folder = try ChartFixtures.folder(ChartFixtures.results)
        #expect(folder.manifest?.scenarioName == "<script>alert(1)</script> & Co")
        let html = HTMLReport(folder: folder, language: .en).html
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("generous &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(html.contains("&lt;b&gt;user&lt;/b&gt; &amp; &quot;param&quot;"))
        let svg = try ChartCatalogue(folder: folder, language: .en).svg(.compare)
        #expect(svg.contains("generous &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(!svg.contains("<b>"))
        #expect(isWellFormedXML(svg))
    }

    @Test("self-contained: no scripts, nothing fetched, a policy that forbids both")
    func selfContained() throws {
        let html = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en).html
        #expect(html.contains("default-src 'none'"))
        for forbidden in ["<script", "src=", "href=", "@import", "url(", "<link"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The one http:// URL allowed is the SVG namespace, which is a name, not a fetch.
        let fetchable = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!fetchable.contains("http://") && !fetchable.contains("https://"))
    }

    @Test("sections appear only where the folder has the data")
    func sections() throws {
        let full = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en).html
        for heading in [
            "Headline numbers", "Pipeline funnel", "Year by year", "Spread across trials", "Funds",
            "Variants against the baseline", "Parameter sweep", "Sensitivity", "Provenance and parameters",
        ] {
            #expect(full.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
        #expect(full.contains("About 6.3 results converted locally over 5 years"))
        let sweepOnly = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.sweep1D), language: .en).html
        #expect(sweepOnly.contains("<h2>Parameter sweep</h2>"))
        for heading in ["Pipeline funnel", "Funds", "Variants against the baseline", "Sensitivity", "Provenance"] {
            #expect(!sweepOnly.contains(heading), "\(heading)")
        }
    }

    @Test("--lang zh labels the page in Chinese")
    func chinese() throws {
        let html = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.results), language: .zh).html
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<h2>主要结果</h2>"))
        #expect(html.contains("5 年内约 6.3 项成果在本地转化"))
    }

    /// The sweep's note: a gap between the highest and lowest point's means inside their combined
    /// 95 % intervals (√(h₁² + h₂²)) is within noise; a larger one is not.
    @Test("sweep differences within noise are said to be")
    func sweepNoise() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-noise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // converted_local: means 10 and 11, each ±1: gap 1 ≤ √2. disclosed: means 10 and 15, each ±1: gap 5 > √2.
        let csv = """
            point,policy.income.inventor_share,converted_local.mean,converted_local.ci_low,converted_local.ci_high,disclosed.mean,disclosed.ci_low,disclosed.ci_high
            0,0.5,10,9,11,10,9,11
            1,0.9,11,10,12,15,14,16

            """
        try Data(csv.utf8).write(to: folder.appendingPathComponent("sweep.csv"))
        let report = HTMLReport(folder: try ResultsFolder(path: folder.path), language: .en)
        let within = try #require(report.sweepNoiseNote("converted_local"))
        #expect(within.contains("(1.00) is within noise") && within.contains("(±1.41)"), "\(within)")
        let beyond = try #require(report.sweepNoiseNote("disclosed"))
        #expect(beyond.contains("(5.00) exceeds"), "\(beyond)")
        let html = report.html
        #expect(html.contains("is within noise — inside the two points"))
        // Every metric of the sweep has its table, even one no chart shows.
        #expect(html.contains("<code>disclosed</code>"))
    }

    /// The cost curve's sentences on a hand-made `compare_timeseries.csv` of three years:
    /// `settles` has extra conversions above zero from year 1 and its cost per extra conversion
    /// (200, 60, 55) inside the horizon's interval [48, 62] from year 2; `saver` spends less and
    /// has fewer conversions from year 2 on, so no cost per extra conversion is given for it.
    @Test("the cost curve says from which year a variant's extra conversions show and its cost settles")
    func costCurveSentences() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cost-curve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let compare = """
            policy,metric,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,rel_diff,p_better
            baseline,converted_local,10,9,11,,,,,

            """
        var series = "policy,year,metric,mean,p05,p25,p50,p75,p95,diff,diff_ci_low,diff_ci_high\n"
        let rows: [(String, Int, cost: String, local: String, ratio: String)] = [
            ("settles", 1, "100,80,120", "0.5,0.1,0.9", "200,100,900"),
            ("settles", 2, "120,90,150", "2,1.5,2.5", "60,45,80"),
            ("settles", 3, "165,140,190", "3,2.5,3.5", "55,48,62"),
            ("saver", 1, "-100,-120,-80", "0,-0.1,0.1", ",,"),
            ("saver", 2, "-200,-230,-170", "-0.5,-0.8,-0.2", "400,250,1000"),
            ("saver", 3, "-300,-340,-260", "-0.6,-0.9,-0.3", "500,330,1000"),
        ]
        for (policy, year, cost, local, ratio) in rows {
            series += "\(policy),\(year),cumulative_fiscal_cost,1,1,1,1,1,1,\(cost)\n"
            series += "\(policy),\(year),cumulative_converted_local,1,1,1,1,1,1,\(local)\n"
            series += "\(policy),\(year),cost_per_extra_local_conversion,,,,,,,\(ratio)\n"
        }
        try Data(compare.utf8).write(to: folder.appendingPathComponent("compare.csv"))
        try Data(series.utf8).write(to: folder.appendingPathComponent("compare_timeseries.csv"))
        let html = HTMLReport(folder: try ResultsFolder(path: folder.path), language: .en).html
        #expect(html.contains("settles: to the end of year 3, +165.0 [+140.0, +190.0] 万元 of fiscal cost and +3.00 [+2.50, +3.50] local conversions against the baseline; the extra local conversions are above zero (95 % interval) from year 1. In year 3, 55.0 万元 per extra local conversion to date [48.0, 62.0], every year&#39;s estimate within that interval since year 2."), "\(html)")
        #expect(html.contains("saver: to the end of year 3, −300.0 [−340.0, −260.0] 万元 of fiscal cost and −0.60 [−0.90, −0.30] local conversions against the baseline; fewer local conversions than the baseline (95 % interval) from year 2.</li>"))
        #expect(html.components(separatedBy: ">fewer conversions</td>").count - 1 == 2, "saver's years 2 and 3")
        #expect(html.contains("<tr><td>settles</td><td class=\"value num\">2</td>"))
    }

    /// The fixture's sweep varied the inventor share (0.5–0.9, five values) and the land quota: the
    /// resolved parameters show them as swept, not at the scenario's single value.
    @Test("swept parameters are shown as swept in Resolved parameters")
    func sweptParameters() throws {
        let html = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en).html
        let resolved = try #require(html.components(separatedBy: "Resolved parameters").last)
        #expect(resolved.contains("<code>policy.income.inventor_share</code></td><td class=\"value num\"><strong>swept: 0.5 … 0.9 (5 values)</strong></td><td>the sweep"))
        #expect(resolved.contains("<code>policy.land.annual_quota_mu</code></td><td class=\"value num\"><strong>swept: 0 … 500 (5 values)</strong>"))
        let zh = HTMLReport(folder: try ChartFixtures.folder(ChartFixtures.results), language: .zh).html
        #expect(zh.contains("成果完成人（团队）收益分配比例 <code>policy.income.inventor_share</code></td><td class=\"value num\"><strong>扫描：0.5 … 0.9（5 个取值）</strong>"))
    }

    @Test("a missing folder is exit 66, a folder without results 65, each message naming the folder")
    func folderErrors() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-such-results-\(UUID().uuidString)"
        ).path
        let notFound = try #require(readError(missing))
        #expect(notFound.exitCode == 66)
        #expect(notFound.description.contains(missing))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let notResults = try #require(readError(empty.path))
        #expect(notResults.exitCode == 65)
        #expect(notResults.description.contains(empty.path))
        #expect(notResults.description.contains("not a results folder"))
    }
}

/// The error reading the folder at `path` gives (`nil` when it reads).
func readError(_ path: String) -> ResultsFolder.ReadError? {
    do throws(ResultsFolder.ReadError) {
        _ = try ResultsFolder(path: path)
        return nil
    } catch {
        return error
    }
}
