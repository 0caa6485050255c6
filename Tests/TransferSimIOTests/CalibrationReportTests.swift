// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

@testable import TransferSimIO

/// The charts and report section of a calibration folder (Fixtures/calibration: `transfersim
/// calibrate` of Fixtures/report-inputs/calibration-city.yaml, three parameters, three figures, 80
/// particles, 5 generations, seed 7; Fixtures/README.md). In it the disclosures are narrowed (sd ratio
/// 0.63), the matching hazard and the pilot cost are not (0.99, 1.03), and the mean contract value
/// (observed 250 ± 15) lies outside its predictive interval 27.1–239.
@Suite("Calibration charts and report")
struct CalibrationReportTests {
    static func folder() throws -> ResultsFolder { try ChartFixtures.folder(ChartFixtures.calibration) }

    /// A copy of the fixture in a temporary folder, with `edit` applied to its files by name.
    static func copy(_ edit: (inout [String: String]) -> Void) throws -> URL {
        let source = URL(fileURLWithPath: ChartFixtures.calibration)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("calibration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            files[name] = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
        }
        edit(&files)
        for (name, text) in files { try Data(text.utf8).write(to: target.appendingPathComponent(name)) }
        return target
    }

    @Test("prior against posterior: one chart per fitted parameter, stacked (golden)")
    func posteriorGolden() throws {
        let catalogue = ChartCatalogue(folder: try Self.folder(), language: .en)
        #expect(catalogue.calibrationParameters == [
            "region.arrivals.annual_disclosures", "region.matching.base_hazard", "region.pilot.cost_median",
        ])
        let svg = try catalogue.svg(.posterior)
        #expect(isWellFormedXML(svg))
        #expect(svg.components(separatedBy: "<g transform=").count - 1 == 3)
        #expect(svg.contains("sd ratio 0.99: not identified") && svg.contains("sd ratio 0.63</text>"))
        #expect(svg.contains("posterior median 70.3 (90 %: 36.9–111)"))
        try assertGolden(svg, "posterior.svg")
        let zh = try ChartCatalogue(folder: try Self.folder(), language: .zh)
            .svg(.posterior, metric: "region.arrivals.annual_disclosures")
        #expect(zh.contains("年度职务科技成果披露数：先验与后验"))
        try assertGolden(zh, "posterior-zh.svg")
    }

    /// Both histograms are shares of their sample's weight on common bins: each sums to 1, and the
    /// prior's 80 equal-weight draws put a multiple of 1/80 in every bin.
    @Test("the prior and posterior bars are each a sample's weight on common bins")
    func shares() throws {
        let chart = try ChartCatalogue(folder: try Self.folder(), language: .en)
            .posteriorChart(parameter: "region.arrivals.annual_disclosures")
        let prior = try #require(chart.prior)
        #expect(prior.values.count == 80 && chart.posterior.values.count == 80)
        let priorShares = chart.shares(prior), posteriorShares = chart.shares(chart.posterior)
        #expect(priorShares.count == posteriorShares.count)
        #expect(abs(priorShares.reduce(0, +) - 1) < 1e-12 && abs(posteriorShares.reduce(0, +) - 1) < 1e-12)
        #expect(priorShares.allSatisfy { abs($0 * 80 - ($0 * 80).rounded()) < 1e-9 })
        // The bins cover every draw: the prior is uniform(20, 150), drawn 26.4–139 at its 5 and 95 %.
        let (start, width, count) = chart.bins()
        #expect(start <= (prior.values.min() ?? 0) && start + width * Double(count) > (prior.values.max() ?? 0))
        // The lines sit at calibration.csv's percentiles.
        #expect(abs(chart.posteriorPercentiles.p50 - 70.26436396908012) < 1e-9)
        #expect(abs(chart.priorPercentiles.p95 - 139.40056041697972) < 1e-9)
    }

    @Test("a folder without prior.csv shows the prior by its percentiles only")
    func withoutPriorDraws() throws {
        let folder = try Self.copy { $0["prior.csv"] = nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        let chart = try ChartCatalogue(folder: try ResultsFolder(path: folder.path), language: .en)
            .posteriorChart(parameter: "region.matching.base_hazard")
        #expect(chart.prior == nil)
        let svg = chart.svg()
        #expect(isWellFormedXML(svg) && !svg.contains("prior (") && svg.contains("prior 5th / 95th percentile"))
    }

    @Test("an unknown parameter is an error naming the fitted ones")
    func unknownParameter() throws {
        let catalogue = ChartCatalogue(folder: try Self.folder(), language: .en)
        let error = #expect(throws: ChartCatalogue.Unavailable.self) { try catalogue.svg(.posterior, metric: "region.x") }
        #expect(error?.description.contains("'region.x' is not a fitted parameter") == true)
        #expect(error?.description.contains("region.pilot.cost_median") == true)
        let run = ChartCatalogue(folder: try ChartFixtures.folder(ChartFixtures.results), language: .en)
        let missing = #expect(throws: ChartCatalogue.Unavailable.self) { try run.svg(.predictive) }
        #expect(missing?.description.contains("predictive.csv") == true)
    }

    /// Each figure in stated uncertainties: disclosed's predictive mean 224.84 against 240 ± 20 is
    /// (224.84 − 240) / 20 = −0.758; the mean contract value's interval 27.1–239 against 250 ± 15
    /// ends at −0.75, so it is outside and drawn in the warning colour.
    @Test("observed against predictive, in stated uncertainties (golden)")
    func predictiveGolden() throws {
        let catalogue = ChartCatalogue(folder: try Self.folder(), language: .en)
        let chart = try catalogue.predictiveChart()
        #expect(chart.rows.map(\.label) == ["disclosed", "contracts_year3", "mean_contract_value"])
        #expect(abs(chart.rows[0].mean - (224.83938474849774 - 240) / 20) < 1e-12)
        #expect(abs(chart.rows[2].high - (238.7328854444794 - 250) / 15) < 1e-12)
        #expect(chart.rows.map(\.inside) == [true, true, false])
        let svg = chart.svg()
        #expect(isWellFormedXML(svg))
        #expect(svg.contains("fill=\"\(Palette.colour(1))\">mean_contract_value</text>"))
        #expect(svg.contains(">disclosed</text>") && !svg.contains("fill=\"\(Palette.colour(1))\">disclosed</text>"))
        try assertGolden(svg, "predictive.svg")
    }

    /// The report recomputes the warnings `calibrate` printed from the tables; a collapsed
    /// generation (complete = no) and a vanishing acceptance rate are recognised too.
    @Test("the diagnostics: not identified, predictive miss, collapse, low acceptance")
    func diagnostics() throws {
        let report = HTMLReport(folder: try Self.folder(), language: .en)
        let warnings = report.calibrationWarnings()
        #expect(warnings.map(\.kind) == [.notIdentified, .notIdentified, .predictiveMiss])
        #expect(warnings[0].english.hasPrefix("region.matching.base_hazard: the posterior is no narrower than the prior (sd ratio 0.99)"))
        #expect(warnings[2].english.contains("the observed 250 lies outside the posterior predictive 90 % interval 27.12–238.7"))
        #expect(warnings[2].chinese.contains("落在后验预测 90% 区间 27.12–238.7 之外"))
        let html = report.html
        for warning in warnings { #expect(html.contains("<li class=\"note\">\(Markup.escape(warning.english))</li>")) }

        let collapsed = try Self.copy { $0["generations.csv"]! += "5,6.5,80,1600000,0.00005,0,no\n" }
        defer { try? FileManager.default.removeItem(at: collapsed) }
        let collapse = HTMLReport(folder: try ResultsFolder(path: collapsed.path), language: .en)
        #expect(collapse.calibrationWarnings().last?.kind == .collapsed)
        #expect(collapse.calibrationWarnings().last?.english
                == "the acceptance rate collapsed in generation 5: a particle found no simulation within tolerance 6.5 in its attempts; the posterior is generation 4's")
        #expect(collapse.html.contains("<strong class=\"note\">collapsed</strong>"))

        let low = try Self.copy { $0["generations.csv"]! += "5,6.5,80,16000,0.005,70,yes\n" }
        defer { try? FileManager.default.removeItem(at: low) }
        let lowReport = HTMLReport(folder: try ResultsFolder(path: low.path), language: .zh)
        #expect(lowReport.calibrationWarnings().last?.kind == .lowAcceptance)
        #expect(lowReport.html.contains("最后一代接受率降至 0.5%"))

        // A healthy calibration says so.
        let healthy = try Self.copy {
            $0["calibration.csv"] = $0["calibration.csv"]!.replacingOccurrences(of: ",0.9892542238676946,no", with: ",0.5,yes")
                .replacingOccurrences(of: ",1.0315345432988694,no", with: ",0.5,yes")
            $0["predictive.csv"] = $0["predictive.csv"]!.replacingOccurrences(of: "contract_value_total per contracts,250,", with: "contract_value_total per contracts,100,")
        }
        defer { try? FileManager.default.removeItem(at: healthy) }
        let fine = HTMLReport(folder: try ResultsFolder(path: healthy.path), language: .en)
        #expect(fine.calibrationWarnings().isEmpty)
        #expect(fine.html.contains("<p>No warnings: every fitted parameter is narrowed"))
    }

    @Test("the report of a calibration: its own section and no run sections; fitted parameters marked")
    func sections() throws {
        let html = HTMLReport(folder: try Self.folder(), language: .en).html
        #expect(html.contains("<p class=\"meta\">calibration · 80 particles · seed 7"))
        for heading in ["<h2>Calibration</h2>", "<h3>Diagnostics</h3>", "<h3>Prior and posterior</h3>",
                        "<h3>Observed figures against the posterior predictive</h3>", "<h3>Generations</h3>",
                        "<h2>Provenance and parameters</h2>"] {
            #expect(html.contains(heading), "\(heading)")
        }
        for absent in ["Headline numbers", "Pipeline funnel", "Every metric"] { #expect(!html.contains(absent), "\(absent)") }
        // 3 parameter charts and the predictive chart.
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("in 5 generations and 2,479 simulations"))
        #expect(html.contains("<code>region.arrivals.annual_disclosures</code></td><td class=\"value num\"><strong>fitted: posterior median 70.3 (90 %: 36.9–111)</strong></td><td>the calibration, prior uniform(low 20, high 150)</td>"))
        let zh = HTMLReport(folder: try Self.folder(), language: .zh).html
        #expect(zh.contains("<h2>校准</h2>") && zh.contains("<h3>观测值与后验预测</h3>"))
        #expect(zh.contains("年度职务科技成果披露数 <code>region.arrivals.annual_disclosures</code>"))
    }
}
