// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `transfersim sensitivity` end to end, on the small scenario so the suite stays fast.
@Suite struct SensitivityCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped spec's parameters and outputs on the small scenario, at N = 4 and 3 trials (the
    /// disclosures' range scaled to the small scenario's size).
    static func shippedSpecOnSmallScenario() throws -> String {
        let url = packageRoot.appendingPathComponent("Scenarios/sensitivity/default-levers.yaml")
        return try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "scenario: ../default.yaml", with: "scenario: small.yaml")
            .replacingOccurrences(of: "trials: 20 ", with: "trials: 3 ")
            .replacingOccurrences(of: "{n: 256,", with: "{n: 4,")
            .replacingOccurrences(of: "{trajectories: 20,", with: "{trajectories: 2,")
            .replacingOccurrences(of: "low: 650, mode: 800, high: 950", with: "low: 40, mode: 60, high: 80")
    }

    static let small = """
        scenario: small.yaml
        method: oat
        trials: 6
        seed: 3
        outputs: [local_conversion_share, converted_local]
        parameters:
          policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
          policy.land.annual_quota_mu: {values: [0, 400]}
          region.firms.outflow_probability_no_fit: {dist: uniform, low: 0.2, high: 0.6}
        sobol: {n: 4, bootstrap: 50}
        morris: {trajectories: 3, levels: 4, bootstrap: 50}
        """

    @Test func shippedSpecRunsASobolAnalysis() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("spec.yaml", try Self.shippedSpecOnSmallScenario())
        let run = try workspace.run(["sensitivity", "spec.yaml", "--out", "s"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try workspace.lines("s/sensitivity.csv")
        #expect(lines.first == "method,output,parameter,index,estimate,ci_low,ci_high")
        #expect(lines.count == 1 + 2 * 2 * 8, "S1 and ST of 8 parameters for 2 outputs")
        #expect(lines[1].hasPrefix("sobol,local_conversion_share,policy.income.inventor_share,S1,"))
        let samples = try workspace.lines("s/sensitivity_samples.csv")
        #expect(samples.first == "point,policy.income.inventor_share,policy.poc.annual_budget,policy.pilot.annual_budget,policy.land.annual_quota_mu,region.behaviour.intent_elasticity,region.venture.private_availability,region.firms.outflow_probability_no_fit,region.arrivals.annual_disclosures,local_conversion_share,fiscal_cost_per_local_conversion")
        #expect(samples.count == 1 + 4 * (8 + 2), "N (k + 2) evaluations in SALib's order")
        #expect(firstColumn(samples) == (0..<40).map(String.init))
        #expect(run.stdout.contains("local_conversion_share (share) — sobol, ranked by total index ST"))
        #expect(run.stdout.contains("fiscal_cost_per_local_conversion (万元 per result) — sobol"))
        #expect(workspace.exists("s/manifest.json") && !workspace.exists("s/sweep.journal.csv"))
        let again = try workspace.run(["sensitivity", "spec.yaml", "--out", "s", "--resume"])
        #expect(again.status == 0 && again.stdout.contains("nothing to resume"))
    }

    @Test func morrisIsTheSameOnAnyThreadCount() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("spec.yaml", Self.small)
        let one = try workspace.run(["sensitivity", "spec.yaml", "--method", "morris", "--out", "m1", "--threads", "1"])
        let two = try workspace.run(["sensitivity", "spec.yaml", "--method", "morris", "--out", "m2", "--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(try workspace.data("m1/sensitivity.csv") == workspace.data("m2/sensitivity.csv"))
        #expect(try workspace.data("m1/sensitivity_samples.csv") == workspace.data("m2/sensitivity_samples.csv"))
        let rows = try workspace.lines("m1/sensitivity.csv").dropFirst()
        #expect(rows.count == 2 * 3 * 3 && rows.allSatisfy { $0.hasPrefix("morris,") })
        #expect(Set(rows.map { $0.split(separator: ",")[3] }) == ["mu_star", "mu", "sigma"])
        #expect(try workspace.lines("m1/sensitivity_samples.csv").count == 1 + 3 * 4)
    }

    @Test func shardedTornadoMergesToTheUnshardedResult() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("spec.yaml", Self.small)
        let whole = try workspace.run(["sensitivity", "spec.yaml", "--out", "all"])
        #expect(whole.status == 0, "\(whole.stderr)")
        for k in 1...2 {
            let shard = try workspace.run(["sensitivity", "spec.yaml", "--shard", "\(k)/2", "--out", "shard\(k)"])
            #expect(shard.status == 0 && !workspace.exists("shard\(k)/sensitivity.csv"), "\(shard.stderr)")
        }
        let merged = try workspace.run(["sensitivity", "spec.yaml", "--merge", "shard1", "shard2", "--out", "merged"])
        #expect(merged.status == 0, "\(merged.stderr)")
        for file in ["sensitivity.csv", "sensitivity_samples.csv", "sensitivity_trials.csv"] {
            #expect(try workspace.data("all/\(file)") == workspace.data("merged/\(file)"), "\(file)")
        }
        let rows = try workspace.lines("all/sensitivity.csv")
        #expect(rows.count == 1 + 2 * 2 * 3)
        // The base case is the small scenario (inventor share 0.5): its low end is the base itself.
        let lowShare = try #require(rows.first { $0.hasPrefix("oat,local_conversion_share,policy.income.inventor_share,low_delta,") })
        #expect(lowShare.hasSuffix(",0,0,0"))
        #expect(try workspace.lines("all/sensitivity_trials.csv").count == 1 + 7 * 6)
        let missing = try workspace.run(["sensitivity", "spec.yaml", "--merge", "shard1", "--out", "bad"])
        #expect(missing.status == 65 && missing.stderr.contains("missing"))
        let other = try workspace.run(["sensitivity", "spec.yaml", "--seed", "9", "--merge", "shard1", "shard2", "--out", "bad"])
        #expect(other.status == 65 && other.stderr.contains("not of this analysis"))
    }

    @Test func badSpecsAreReportedAtTheirPosition() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("typo.yaml", Self.small.replacingOccurrences(of: "converted_local]", with: "converted_locl]"))
        let typo = try workspace.run(["sensitivity", "typo.yaml", "--out", "x"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("typo.yaml:5:") && typo.stderr.contains("did you mean 'converted_local'?"), "\(typo.stderr)")
        try workspace.write("n.yaml", Self.small.replacingOccurrences(of: "{n: 4,", with: "{n: 6,"))
        let n = try workspace.run(["sensitivity", "n.yaml", "--out", "x"])
        #expect(n.status == 65 && n.stderr.contains("n.yaml:10:") && n.stderr.contains("power of two"), "\(n.stderr)")
        try workspace.write("limit.yaml", Self.small.replacingOccurrences(of: "high: 0.9", with: "high: 1.5"))
        let limit = try workspace.run(["sensitivity", "limit.yaml", "--out", "x"])
        #expect(limit.status == 65 && limit.stderr.contains("limit.yaml:7:3: error:"), "\(limit.stderr)")
        let absent = try workspace.run(["sensitivity", "absent.yaml", "--out", "x"])
        #expect(absent.status == 66)
        let method = try workspace.run(["sensitivity", "typo.yaml", "--method", "tornado"])
        #expect(method.status == 64)
        #expect(!workspace.exists("x"))
    }
}
