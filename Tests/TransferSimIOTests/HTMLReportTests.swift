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
