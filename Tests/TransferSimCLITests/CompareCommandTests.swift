// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// `transfersim compare` end to end.
@Suite struct CompareCommandTests {
    /// The default seed fund's columns, reported after the engine's metrics.
    static let fundColumns = FundLayout(funds: ["seed"], years: 1).columns.count

    @Test func writesCompareCSVAndManifestAndPrintsPairedDiffs() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["compare", "small.yaml", "--trials", "16", "--threads", "1", "--out", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try workspace.lines("c/compare.csv")
        #expect(lines.first == "policy,metric,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,rel_diff,p_better")
        #expect(lines.count == 1 + 2 * (Metric.allCases.count + Self.fundColumns) + 1,
                "baseline and the file's one variant, then the variant's cost per extra local conversion")
        #expect(lines.last?.hasPrefix("generous,cost_per_extra_local_conversion,,,,") == true)
        #expect(Set(firstColumn(lines)) == ["baseline", "generous"])
        let manifest = try Manifest.decode(from: workspace.data("c/manifest.json"))
        #expect(manifest.policy == "baseline,generous")
        #expect(manifest.trials == 16)
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix("local_conversion_share ") && $0.contains(" generous ") && $0.contains("[") })
        #expect(run.stdout.contains("Wrote compare.csv, metrics.csv, manifest.json to c."))
    }

    @Test func jsonOutputIsMachineReadable() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["compare", "small.yaml", "--policy", "generous", "--trials", "8", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2 * (Metric.allCases.count + Self.fundColumns))
        #expect(rows.last?["policy"] as? String == "generous")
        #expect(rows.last?["diff"] != nil)
    }

    @Test func unknownPolicyIsAnInvalidScenarioAndWritesNothing() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["compare", "small.yaml", "--policy", "generus", "--trials", "4", "--out", "c"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("did you mean 'generous'?"))
        #expect(!workspace.exists("c"))
    }
}
