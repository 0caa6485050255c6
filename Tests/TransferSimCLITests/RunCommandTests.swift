// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// `transfersim run` end to end: the files it writes, their headers, provenance, and independence
/// of the thread count.
@Suite struct RunCommandTests {
    static let tables = ["summary.csv", "trials.csv", "timeseries.csv", "funnel.csv"]

    @Test func writesTheFiveFilesWithExactHeaders() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "20", "--threads", "1", "--out", "results/a"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "no progress line when standard error is not a terminal")

        let summary = try workspace.lines("results/a/summary.csv")
        #expect(summary.first == "metric,n,mean,sd,se,ci_low,ci_high,p05,p25,p50,p75,p95,min,max")
        let fundColumns = FundLayout(funds: ["seed"], years: 3).columnNames
        #expect(firstColumn(summary) == Metric.allCases.map(\.name) + fundColumns)

        let trials = try workspace.lines("results/a/trials.csv")
        #expect(trials.first == (["trial"] + Metric.allCases.map(\.name) + fundColumns).joined(separator: ","))
        #expect(trials.count == 21)
        #expect(firstColumn(trials) == (0..<20).map { String($0) })

        let timeseries = try workspace.lines("results/a/timeseries.csv")
        #expect(timeseries.first == "year,metric,mean,p05,p25,p50,p75,p95")
        let keys: [String] = timeseries.dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",")
        }
        var expected: [String] = []
        for year in 1...3 {
            for metric in YearlyMetric.allCases { expected.append("\(year),\(metric.name)") }
        }
        #expect(keys == expected)

        let funnel = try workspace.lines("results/a/funnel.csv")
        #expect(
            funnel.first
                == "stage,entered_mean,entered_p05,entered_p95,passed_mean,passed_p05,passed_p95,failed_technical_mean,abandoned_mean,outflow_mean"
        )
        #expect(firstColumn(funnel) == FunnelStage.allCases.map(\.name))

        let manifest = try Manifest.decode(from: workspace.data("results/a/manifest.json"))
        #expect(manifest.toolVersion == "0.1.0")
        #expect(manifest.scenarioName == "small")
        #expect(manifest.scenarioFile == "small.yaml")
        #expect(manifest.scenarioSHA256 == SHA256.hex(of: Array(smallScenario.utf8)))
        #expect(manifest.policy == "baseline")
        #expect(manifest.seed == 20_260_101)
        #expect(manifest.trials == 20)
        #expect(manifest.threads == 1)
        #expect(manifest.gslVersion == gslVersion)
        #expect(manifest.gitRevision == nil, "the workspace is not in a git repository")
        #expect(
            manifest.commandLine.dropFirst() == [
                "run", "small.yaml", "--trials", "20", "--threads", "1", "--out", "results/a",
            ])
        #expect(
            manifest.parameters["region.arrivals.annual_disclosures"] == .init(value: "60", origin: "small.yaml:7:25"))
        #expect(manifest.parameters["policy.income.inventor_share"]?.origin == "default")
        #expect(manifest.parameters.count == ParameterCatalogue.standard.specs.count)
    }

    @Test func printsTheKeyMetricsWithIntervalsAndUnits() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "20", "--threads", "1", "--seed", "7"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "small — policy baseline")
        #expect(lines.dropFirst().first?.hasPrefix("20 trials × 3 years, seed 7, 1 thread, ") == true)
        #expect(lines.contains { $0.hasPrefix("metric ") && $0.contains(" mean  ") && $0.hasSuffix("指标") })
        for (metric, label) in RunReport.keyMetrics {
            #expect(lines.contains { $0.hasPrefix(metric.name + " ") && $0.hasSuffix(label) }, "\(metric.name)")
        }
        #expect(lines.contains { $0.hasPrefix("local_conversion_share ") && $0.contains(" %  %") })
        #expect(lines.last == "Wrote summary.csv, trials.csv, timeseries.csv, funnel.csv, fund_cashflows.csv, metrics.csv, manifest.json to out.")
        #expect(workspace.exists("out/manifest.json"), "--out defaults to out/")
    }

    @Test func tablesAreByteIdenticalForAnyThreadCount() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        // 40 trials make three chunks of work, so two threads really share them.
        for threads in ["1", "2"] {
            let run = try workspace.run([
                "run", "small.yaml", "--trials", "40", "--threads", threads, "--out", "t\(threads)",
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }
        for table in Self.tables {
            #expect(try workspace.data("t1/\(table)") == workspace.data("t2/\(table)"), "\(table)")
        }
        #expect(try Manifest.decode(from: workspace.data("t2/manifest.json")).threads == 2)
    }

    @Test func runsAPolicyVariant() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--policy", "generous", "--trials", "20", "--threads", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("small — policy generous\n"))
        let manifest = try Manifest.decode(from: workspace.data("out/manifest.json"))
        #expect(manifest.policy == "generous")
        #expect(manifest.parameters["policy.income.inventor_share"] == .init(value: "0.7", origin: "small.yaml:12:32"))
    }

    @Test func runsTheBundledDefaultWithoutAScenario() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["run", "--trials", "2", "--threads", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Default city (默认城市) — policy baseline\n"))
        let manifest = try Manifest.decode(from: workspace.data("out/manifest.json"))
        #expect(manifest.scenarioFile == nil)
        #expect(manifest.scenarioSHA256 == SHA256.hex(of: BundledScenarios.defaultYAML.utf8))
        for table in Self.tables { #expect(workspace.exists("out/\(table)")) }
    }
}
