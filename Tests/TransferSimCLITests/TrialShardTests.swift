// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimIO

/// `run --shard K/N` and `compare --shard K/N` over trial ranges, `--resume`, and `merge` into
/// the unsharded run's folder, byte for byte.
@Suite struct TrialShardTests {
    /// A scenario with a fund (so that `fund_flows.csv` and the fund tables are exercised), short
    /// and small so that a debug build runs a few hundred trials in seconds.
    static let fundScenario = """
        name: "small with a fund"
        region:
          time:
            horizon_years: 4
            intake_years: 3
          arrivals:
            annual_disclosures: 80
        policy:
          funds:
            seed:
              government_commitment: 2000
              private_commitment: 1000
              investment_period_years: 2
              term_years: 3
              extension_years: 1
        variants:
          generous:
            description: "More for inventors"
            policy:
              income: {inventor_share: 0.7}
          land:
            description: "More land"
            policy:
              land: {annual_quota_mu: 400}

        """

    /// The manifest fields that legitimately differ between a merged folder and the unsharded
    /// run's (when and how each was made); every other field, the `files` list with each file's
    /// size and SHA-256 included, must be the same.
    static let varyingFields: Set<String> = ["start_time", "end_time", "command_line", "threads"]

    static func manifest(_ workspace: Workspace, _ folder: String) throws -> [String: String] {
        let object = try #require(JSONSerialization.jsonObject(with: workspace.data(folder + "/manifest.json")) as? [String: Any])
        var fields: [String: String] = [:]
        for (key, value) in object where !varyingFields.contains(key) {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            fields[key] = String(decoding: data, as: UTF8.self)
        }
        return fields
    }

    /// Every file of `merged` is byte-identical to `whole`'s, and the manifests differ only in
    /// `varyingFields`.
    static func expectSameFolder(_ workspace: Workspace, _ merged: String, _ whole: String) throws {
        #expect(workspace.entries(merged) == workspace.entries(whole))
        for name in workspace.entries(whole) where name != "manifest.json" {
            #expect(try workspace.data("\(merged)/\(name)") == workspace.data("\(whole)/\(name)"), "\(merged)/\(name)")
        }
        #expect(try manifest(workspace, merged) == manifest(workspace, whole))
    }

    @Test(arguments: [1, 2, 3, 7])
    func runShardsMergeToTheUnshardedBytes(shards: Int) throws {
        let workspace = try Workspace()
        try workspace.write("fund.yaml", Self.fundScenario)
        let common = ["run", "fund.yaml", "--trials", "23", "--seed", "11", "--fund-flows"]
        let whole = try workspace.run(common + ["--out", "whole", "--threads", "2"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(workspace.entries("whole").contains("fund_flows.csv"))
        var folders: [String] = []
        for k in 1...shards {
            // Any thread count per shard: the bytes do not depend on it.
            let shard = try workspace.run(common + ["--shard", "\(k)/\(shards)", "--out", "s\(k)", "--threads", "\(1 + k % 3)"])
            #expect(shard.status == 0, "\(shard.stderr)")
            // Shard k of N holds the trials ⌊(k−1)·23/N⌋ ..< ⌊k·23/N⌋.
            let trials = try workspace.lines("s\(k)/\(TrialShard.dataFileName)").dropFirst().map { $0.prefix { $0 != "," } }
            #expect(trials == ((23 * (k - 1) / shards)..<(23 * k / shards)).map { Substring(String($0)) })
            folders.append("s\(k)")
        }
        // Given in any order.
        let merge = try workspace.run(["merge"] + folders.reversed() + ["--out", "merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        try Self.expectSameFolder(workspace, "merged", "whole")
        // The merged folder is a run's: check and report read it like one.
        #expect(try workspace.run(["check", "merged"]).status == 0)
    }

    /// Kills `arguments` (a shard) once its journal holds at least `trials` trials.
    static func kill(_ workspace: Workspace, _ arguments: [String], out: String, after trials: Int) throws {
        let process = Process()
        process.executableURL = try #require(TransferSimBinary.url)
        process.arguments = arguments + ["--out", out]
        process.currentDirectoryURL = workspace.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            let text = (try? workspace.text(out + ".in-progress/sweep.journal.csv")) ?? ""
            if text.filter({ $0 == "\n" }).count >= 1 + trials { break }
            usleep(2_000)
        }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aShardKilledMidwayResumesToTheSameBytes() throws {
        let workspace = try Workspace()
        try workspace.write("fund.yaml", Self.fundScenario)
        let common = ["run", "fund.yaml", "--trials", "300", "--seed", "3", "--fund-flows", "--shard", "2/2"]
        let reference = try workspace.run(common + ["--out", "reference", "--threads", "2"])
        #expect(reference.status == 0, "\(reference.stderr)")
        // One thread: blocks of 32 trials; killed after the first block is journaled.
        try Self.kill(workspace, common + ["--threads", "1"], out: "cut", after: 32)
        #expect(!workspace.exists("cut"), "the shard finished before it could be killed")
        let journaled = try workspace.lines("cut.in-progress/sweep.journal.csv").count - 1
        #expect(journaled >= 32 && journaled < 150)
        // Tear the flows file inside the last journaled trial's rows (the journal's last value is
        // where they end), as a lost disk cache could: the trials whose rows are no longer all
        // there are run again.
        let end = try #require(Int(try workspace.lines("cut.in-progress/sweep.journal.csv").last!.split(separator: ",").last!))
        let flows = try workspace.data("cut.in-progress/fund_flows.csv")
        #expect(flows.count >= end)
        try flows.prefix(end - 7).write(to: workspace.url.appendingPathComponent("cut.in-progress/fund_flows.csv"))
        let resumed = try workspace.run(common + ["--out", "cut", "--threads", "2", "--resume", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        let kept = try #require(json["resumed_trials"] as? Int)
        #expect(kept > 0 && kept < journaled, "\(kept) of \(journaled) journaled trials kept")
        try Self.expectSameFolder(workspace, "cut", "reference")
        #expect(!workspace.exists("cut.in-progress"))
        // Resuming a finished shard does nothing; resuming with another seed is refused.
        let again = try workspace.run(common + ["--out", "cut", "--resume"])
        #expect(again.status == 0 && again.stdout.contains("already holds this shard's finished results"))
        try Self.kill(workspace, common + ["--threads", "1"], out: "cut2", after: 32)
        let foreign = try workspace.run(common + ["--out", "cut2", "--resume", "--seed", "4"])
        #expect(foreign.status == 65)
        #expect(foreign.stderr.contains("belongs to a different"))
    }

    @Test func mergeRefusesMismatchedShardsNamingTheFirstDifference() throws {
        let workspace = try Workspace()
        try workspace.write("fund.yaml", Self.fundScenario)
        let common = ["run", "fund.yaml", "--trials", "12", "--seed", "5"]
        for k in 1...3 { #expect(try workspace.run(common + ["--shard", "\(k)/3", "--out", "s\(k)"]).status == 0) }
        func refused(_ folders: [String], _ message: String) throws {
            let merge = try workspace.run(["merge"] + folders + ["--out", "m"])
            #expect(merge.status == 65, "\(folders): \(merge.stderr)")
            #expect(merge.stderr.contains(message), "\(folders): \(merge.stderr)")
            #expect(!workspace.exists("m") && !workspace.exists("m.in-progress"))
        }
        #expect(try workspace.run(["run", "fund.yaml", "--trials", "12", "--seed", "6", "--shard", "2/3", "--out", "seed6"]).status == 0)
        try refused(["s1", "seed6", "s3"], "the shards come from different seeds: 's1' has seed 5, 'seed6' has seed 6")
        #expect(try workspace.run(["run", "fund.yaml", "--trials", "13", "--seed", "5", "--shard", "2/3", "--out", "t13"]).status == 0)
        try refused(["s1", "t13", "s3"], "different trial counts: 's1' has 12 trials, 't13' has 13 trials")
        #expect(try workspace.run(common + ["--policy", "generous", "--shard", "2/3", "--out", "generous"]).status == 0)
        try refused(["s1", "generous", "s3"], "different policies: 's1' has baseline, 'generous' has generous")
        #expect(try workspace.run(common + ["--fund-flows", "--shard", "2/3", "--out", "flows"]).status == 0)
        try refused(["s1", "flows", "s3"], "different options: 's1' has none, 'flows' has --fund-flows")
        try workspace.write("other.yaml", Self.fundScenario.replacingOccurrences(of: "annual_disclosures: 80", with: "annual_disclosures: 81"))
        #expect(try workspace.run(["run", "other.yaml", "--trials", "12", "--seed", "5", "--shard", "2/3", "--out", "other"]).status == 0)
        try refused(["s1", "other", "s3"], "different scenarios (SHA-256)")
        // Another tool version (edited into the manifest, which merge reads but does not hash).
        #expect(try workspace.run(common + ["--shard", "2/3", "--out", "old"]).status == 0)
        let manifest = try workspace.text("old/manifest.json")
        try workspace.write("old/manifest.json", manifest.replacingOccurrences(of: "\"tool_version\" : \"", with: "\"tool_version\" : \"0.0.0-"))
        try refused(["s1", "old", "s3"], "different tool versions")
        try refused(["s1", "s3"], "4 of 12 points are missing")
        try refused(["s1", "s2", "s2", "s3"], "is in both 's2' and 's2'")
        // A shard's table edited after the fact.
        try workspace.write("s2/trial_data.csv", try workspace.text("s2/trial_data.csv") + "99\n")
        try refused(["s1", "s2", "s3"], "s2/trial_data.csv")
    }

    @Test func compareShardsMergeAndResumeToTheUnshardedBytes() throws {
        let workspace = try Workspace()
        try workspace.write("fund.yaml", Self.fundScenario)
        let common = ["compare", "fund.yaml", "--trials", "40", "--policy", "generous+land", "--interactions"]
        #expect(try workspace.run(common + ["--out", "whole", "--threads", "2"]).status == 0)
        for k in 1...3 {
            let shard = try workspace.run(common + ["--shard", "\(k)/3", "--out", "s\(k)", "--threads", "\(k)"])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try workspace.run(["merge", "s3", "s1", "s2", "--out", "merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(workspace.entries("merged") == ["compare.csv", "compare_timeseries.csv", "interactions.csv", "manifest.json", "metrics.csv"])
        try Self.expectSameFolder(workspace, "merged", "whole")
        // The yearly series (quantiles and paired intervals over all trials of every policy) too.
        let series = try workspace.data("merged/compare_timeseries.csv")
        #expect(series == (try workspace.data("whole/compare_timeseries.csv")))
        #expect(String(decoding: series, as: UTF8.self).contains("\ngenerous+land,4,cumulative_fiscal_cost,"))
        // A killed compare shard resumes to the same bytes.
        let long = ["compare", "fund.yaml", "--trials", "200", "--policy", "generous", "--shard", "1/1"]
        #expect(try workspace.run(long + ["--out", "reference"]).status == 0)
        try Self.kill(workspace, long + ["--threads", "1"], out: "cut", after: 32)
        #expect(!workspace.exists("cut"), "the shard finished before it could be killed")
        #expect(try workspace.run(long + ["--out", "cut", "--resume"]).status == 0)
        try Self.expectSameFolder(workspace, "cut", "reference")
        // Shards of another comparison are refused.
        #expect(try workspace.run(["compare", "fund.yaml", "--trials", "40", "--policy", "generous", "--shard", "2/3", "--out", "g"]).status == 0)
        let mixed = try workspace.run(["merge", "s1", "g", "s3", "--out", "m"])
        #expect(mixed.status == 65)
        #expect(mixed.stderr.contains("different policies"), "\(mixed.stderr)")
        #expect(!workspace.exists("m"))
    }

    @Test func shardUsageErrors() throws {
        let workspace = try Workspace()
        for (arguments, message) in [
            (["run", "--resume"], "--resume continues a shard"),
            (["run", "--shard", "1/2", "--until-ci", "0.05"], "--shard needs a fixed trial count"),
            (["run", "--shard", "0/2"], "--shard"),
            (["compare", "--shard", "3/2"], "--shard"),
            (["run", "--shard", "1/2", "--check"], "--check needs every trial"),
        ] {
            let run = try workspace.run(arguments + ["--out", "o"])
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!workspace.exists("o"))
        }
    }
}
