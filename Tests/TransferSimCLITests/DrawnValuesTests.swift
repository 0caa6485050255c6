// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// The values each trial draws for a scenario's uncertain parameters, in the per-trial tables:
/// `trials.csv` of `run` (and of merged shards of run and compare) and `sweep_trials.csv`, the
/// same bytes for any thread count and shard split.
@Suite struct DrawnValuesTests {
    /// The small scenario with the firms' cash and the disclosures uncertain, and a variant that
    /// draws the inventor's share too (so compare's policies draw different columns).
    static let scenario = """
        name: "small, uncertain"
        region:
          time:
            horizon_years: 3
            intake_years: 3
          arrivals:
            annual_disclosures: {dist: triangular, low: 40, mode: 60, high: 80}
          firms:
            cash_median: {dist: uniform, low: 20, high: 80}
        variants:
          generous:
            description: "More for inventors, how much uncertain"
            policy:
              income: {inventor_share: {dist: uniform, low: 0.6, high: 0.8}}

        """

    static let draws = ["draw:region.arrivals.annual_disclosures", "draw:region.firms.cash_median"]

    /// A column of a CSV file by name, as text.
    static func column(_ workspace: Workspace, _ file: String, _ name: String) throws -> [String] {
        let lines = try workspace.lines(file)
        let index = try #require(lines.first?.split(separator: ",").firstIndex { $0 == name }, "\(file) has no column \(name)")
        return lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[index]) }
    }

    @Test func runTrialsCarryTheDrawsAndShardsMergeToTheSameBytes() throws {
        let workspace = try Workspace()
        try workspace.write("u.yaml", Self.scenario)
        let common = ["run", "u.yaml", "--trials", "17", "--seed", "9"]
        #expect(try workspace.run(common + ["--out", "whole", "--threads", "2"]).status == 0)
        let header = try #require(try workspace.lines("whole/trials.csv").first)
        #expect(header.hasPrefix((["trial"] + Self.draws + Metric.allCases.map(\.name)).joined(separator: ",") + ",fund."))
        // Each draw lies in its distribution's support; the disclosures follow them.
        let cash = try Self.column(workspace, "whole/trials.csv", Self.draws[1]).map { try #require(Double($0)) }
        #expect(cash.count == 17 && cash.allSatisfy { $0 >= 20 && $0 <= 80 } && Set(cash).count == 17)
        // The variant draws its own share beside the same region (common random numbers).
        #expect(try workspace.run(common + ["--policy", "generous", "--out", "generous"]).status == 0)
        #expect(try Self.column(workspace, "generous/trials.csv", Self.draws[1]) == Self.column(workspace, "whole/trials.csv", Self.draws[1]))
        let share = try Self.column(workspace, "generous/trials.csv", "draw:policy.income.inventor_share").map { try #require(Double($0)) }
        #expect(share.allSatisfy { $0 >= 0.6 && $0 <= 0.8 })
        for shards in [2, 3] {
            var folders: [String] = []
            for k in 1...shards {
                let out = "r\(shards)-\(k)"
                let shard = try workspace.run(common + ["--shard", "\(k)/\(shards)", "--out", out, "--threads", "\(k)"])
                #expect(shard.status == 0, "\(shard.stderr)")
                #expect(try workspace.lines("\(out)/\(TrialShard.dataFileName)").first?.hasSuffix("," + Self.draws.joined(separator: ",")) == true)
                folders.append(out)
            }
            let merge = try workspace.run(["merge"] + folders + ["--out", "m\(shards)"])
            #expect(merge.status == 0, "\(merge.stderr)")
            try TrialShardTests.expectSameFolder(workspace, "m\(shards)", "whole")
        }
    }

    /// compare's shards keep each policy's draws (the variant draws one value more) and merge to
    /// the unsharded comparison.
    @Test func compareShardsWithDifferentDrawsPerPolicyMerge() throws {
        let workspace = try Workspace()
        try workspace.write("u.yaml", Self.scenario)
        let common = ["compare", "u.yaml", "--trials", "14", "--policy", "generous"]
        #expect(try workspace.run(common + ["--out", "whole", "--threads", "2"]).status == 0)
        for k in 1...2 { #expect(try workspace.run(common + ["--shard", "\(k)/2", "--out", "s\(k)"]).status == 0) }
        let header = try #require(try workspace.lines("s1/\(TrialShard.dataFileName)").first)
        #expect(header.contains(",baseline:draw:region.firms.cash_median,generous:disclosed,"))
        #expect(header.hasSuffix(",generous:draw:region.firms.cash_median,generous:draw:policy.income.inventor_share"))
        let merge = try workspace.run(["merge", "s2", "s1", "--out", "merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        try TrialShardTests.expectSameFolder(workspace, "merged", "whole")
    }

    static let sweep = """
        scenario: u.yaml
        design: latin_hypercube
        points: 5
        trials: 3
        seed: 9
        parameters:
          policy.land.annual_quota_mu: {range: {low: 0, high: 500}}
          policy.income.inventor_share: {range: {low: 0.5, high: 0.8}}

        """

    /// `sweep_trials.csv`: a row per point and trial with the point's values, the trial's draws
    /// (the same at every point, and the same as run's: common random numbers) and its metrics;
    /// shards merge to the same bytes, for any split and thread counts.
    @Test func sweepTrialsTableHoldsTheDrawsAndMergesToTheSameBytes() throws {
        let workspace = try Workspace()
        try workspace.write("u.yaml", Self.scenario)
        try workspace.write("s.yaml", Self.sweep)
        let whole = try workspace.run(["sweep", "s.yaml", "--out", "whole", "--threads", "2"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(workspace.entries("whole") == ["manifest.json", "metrics.csv", "sweep.csv", "sweep_long.csv", "sweep_trials.csv"])
        let lines = try workspace.lines("whole/sweep_trials.csv")
        #expect(lines.first == (["point", "trial", "policy.land.annual_quota_mu", "policy.income.inventor_share"] + Self.draws
                                + Metric.allCases.map(\.name)).joined(separator: ","))
        #expect(lines.count == 1 + 5 * 3)
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == (0..<5).flatMap { p in (0..<3).map { "\(p),\($0)" } })
        // The design values are the point's row of sweep.csv.
        let design = try workspace.lines("whole/sweep.csv").dropFirst().map { $0.split(separator: ",").prefix(3).dropFirst().joined(separator: ",") }
        #expect(lines.dropFirst().map { $0.split(separator: ",").dropFirst(2).prefix(2).joined(separator: ",") } == design.flatMap { [$0, $0, $0] })
        // Each trial draws the same region at every point, as run does.
        #expect(try workspace.run(["run", "u.yaml", "--trials", "3", "--seed", "9", "--out", "run"]).status == 0)
        let cash = try Self.column(workspace, "whole/sweep_trials.csv", Self.draws[1])
        #expect(cash == Array(repeating: try Self.column(workspace, "run/trials.csv", Self.draws[1]), count: 5).flatMap { $0 })
        for shards in [2, 3] {
            var folders: [String] = []
            for k in 1...shards {
                let shard = try workspace.run(["sweep", "s.yaml", "--shard", "\(k)/\(shards)", "--out", "s\(shards)-\(k)", "--threads", "\(k)"])
                #expect(shard.status == 0, "\(shard.stderr)")
                folders.append("s\(shards)-\(k)")
            }
            let merge = try workspace.run(["merge"] + folders.reversed() + ["--out", "m\(shards)"])
            #expect(merge.status == 0, "\(merge.stderr)")
            for name in ["sweep.csv", "sweep_long.csv", "sweep_trials.csv", "metrics.csv"] {
                #expect(try workspace.data("m\(shards)/\(name)") == workspace.data("whole/\(name)"), "\(shards) shards: \(name)")
            }
        }
        // discover reads a merged sweep (a `merge` folder) as the sweep itself, per trial.
        let local = try Self.column(workspace, "whole/sweep_trials.csv", "converted_local").compactMap(Double.init).sorted()
        let target = "converted_local >= \(format(local[local.count / 2]))"
        let onWhole = try workspace.run(["discover", "whole", "--target", target, "--out", "dw"])
        #expect(onWhole.status == 0 && onWhole.stdout.contains(" of 15 trials"), "\(onWhole.stderr)")
        let onMerged = try workspace.run(["discover", "m3", "--target", target, "--out", "dm"])
        #expect(onMerged.status == 0, "\(onMerged.stderr)")
        #expect(try workspace.data("dm/boxes.csv") == workspace.data("dw/boxes.csv"))
        // A shard without its trial table cannot be merged with the others.
        try FileManager.default.removeItem(atPath: workspace.path("s2-2/sweep_trials.csv"))
        let broken = try workspace.run(["merge", "s2-1", "s2-2", "--out", "broken"])
        #expect(broken.status != 0 && !workspace.exists("broken"))
    }

    /// `trial_table` turns the table off (or on, without distributions: no draw columns); a sweep
    /// without distributions writes what it always did; `first_trial` moves every point's trials.
    @Test func trialTableAndFirstTrialKeys() throws {
        let workspace = try Workspace()
        try workspace.write("u.yaml", Self.scenario)
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("off.yaml", Self.sweep + "trial_table: false\n")
        #expect(try workspace.run(["sweep", "off.yaml", "--out", "off"]).status == 0)
        #expect(workspace.entries("off") == ["manifest.json", "metrics.csv", "sweep.csv", "sweep_long.csv"])
        let fixed = Self.sweep.replacingOccurrences(of: "u.yaml", with: "small.yaml")
        try workspace.write("fixed.yaml", fixed)
        #expect(try workspace.run(["sweep", "fixed.yaml", "--out", "fixed"]).status == 0)
        #expect(workspace.entries("fixed") == ["manifest.json", "metrics.csv", "sweep.csv", "sweep_long.csv"])
        try workspace.write("on.yaml", fixed.replacingOccurrences(of: "trials: 3", with: "trials: 4") + "trial_table: true\n")
        #expect(try workspace.run(["sweep", "on.yaml", "--out", "on"]).status == 0)
        #expect(try workspace.lines("on/sweep_trials.csv").first
                == (["point", "trial", "policy.land.annual_quota_mu", "policy.income.inventor_share"] + Metric.allCases.map(\.name)).joined(separator: ","))
        // Trials 2 and 3 alone: the same rows as those trials of the four-trial sweep.
        try workspace.write("late.yaml", fixed.replacingOccurrences(of: "trials: 3", with: "trials: 2\nfirst_trial: 2") + "trial_table: true\n")
        let late = try workspace.run(["sweep", "late.yaml", "--out", "late"])
        #expect(late.status == 0, "\(late.stderr)")
        let all = try workspace.lines("on/sweep_trials.csv").dropFirst()
        #expect(try workspace.lines("late/sweep_trials.csv").dropFirst() == all.filter { $0.split(separator: ",")[1] >= "2" })
        try workspace.write("bad.yaml", Self.sweep + "trial_table: yes please\nfirst_trial: -1\n")
        let bad = try workspace.run(["sweep", "bad.yaml", "--out", "bad"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.yaml:9:14: error: trial_table must be true or false"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.yaml:10:14: error: first_trial must be a trial index from 0"), "\(bad.stderr)")
    }
}
