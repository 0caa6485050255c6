// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimIO

/// The sharded route of `optimise` (NSGA-II): `--emit-design` writes each generation's new
/// candidates (and the front's re-run on fresh trials) as a sweep, `sweep --shard` and `merge`
/// evaluate it, `--import` reads it back; the search ends with the unsharded run's bytes.
@Suite struct ShardedSearchTests {
    /// Two generations of four, few trials, a constraint (so the measures include a probability)
    /// and fresh trials of another count than the search's.
    static let spec = """
        scenario: small.yaml
        trials: 6
        fresh_trials: 5
        seed: 5
        levers:
          policy.land.annual_quota_mu: {low: 0, high: 500}
          policy.poc.slots: {low: 0, high: 40}
        objectives:
          - minimise: fiscal_cost_total.mean
          - maximise: converted_local.p50
        constraints:
          - P(converted_local >= 1) >= 0.5
        search: {population: 4, generations: 2, seed: 3}
        """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("f.yaml", Self.spec)
        return workspace
    }

    /// Runs the rounds with `shards` sweep shards each until the search writes its results;
    /// returns the number of rounds (designs written).
    static func rounds(_ workspace: Workspace, shards: Int, out: String) throws -> Int {
        let step = ["optimise", "f.yaml", "--out", out, "--emit-design", "next-\(out)"]
        var round = try workspace.run(step)
        var rounds = 0
        while round.status == 0, workspace.exists("next-\(out)"), rounds < 10 {
            rounds += 1
            #expect(round.stdout.contains("to evaluate on trials"), "\(round.stdout)")
            var folders: [String] = []
            for k in 1...shards {
                let folder = "shards-\(out)/\(k)"
                let shard = try workspace.run(["sweep", "next-\(out)/sweep.yaml", "--shard", "\(k)/\(shards)", "--out", folder,
                                               "--threads", "\(1 + k % 2)"])
                #expect(shard.status == 0, "\(shard.stderr)")
                folders.append(folder)
            }
            let merge = try workspace.run(["merge"] + folders + ["--out", "merged-\(out)"])
            #expect(merge.status == 0, "\(merge.stderr)")
            round = try workspace.run(step + ["--import", "merged-\(out)"])
        }
        #expect(round.status == 0, "\(round.stderr)")
        #expect(round.stdout.contains("removed the design folder"), "\(round.stdout)")
        return rounds
    }

    @Test(arguments: [2, 3])
    func shardedRoundsEndWithTheUnshardedBytes(shards: Int) throws {
        let workspace = try Self.workspace()
        let whole = try workspace.run(["optimise", "f.yaml", "--out", "whole", "--threads", "2"])
        #expect(whole.status == 0, "\(whole.stderr)")
        // The initial population, two generations (unless a generation brings nothing new) and
        // the fresh re-run.
        let rounds = try Self.rounds(workspace, shards: shards, out: "front")
        #expect(rounds >= 2 && rounds <= 4)
        for file in ["evaluations.csv", "front.csv", "front.svg"] {
            #expect(try workspace.data("front/" + file) == workspace.data("whole/" + file), "\(file) differs from the unsharded run's")
        }
        #expect(workspace.entries("front") == workspace.entries("whole"))
        #expect(!workspace.exists("front.in-progress"))
    }

    /// A design names the candidates exactly and the sweep evaluates them as the search does;
    /// the first round's sweep, imported without --emit-design, lets the search finish locally
    /// with the same bytes; the bundled default scenario goes with the design as its text.
    @Test func designFilesAndFinishingLocally() throws {
        let workspace = try Self.workspace()
        #expect(try workspace.run(["optimise", "f.yaml", "--out", "whole"]).status == 0)
        let first = try workspace.run(["optimise", "f.yaml", "--out", "front", "--emit-design", "next"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("NSGA-II's initial population (generation 0 of 2): 4 candidates to evaluate on trials 0–5"))
        #expect(workspace.entries("next") == ["design.csv", "manifest.json", "sweep.yaml"])
        let sweep = try workspace.text("next/sweep.yaml")
        #expect(sweep.contains("scenario: \"../small.yaml\"\npolicy: \"baseline\"\ndesign: {csv: design.csv}\ntrials: 6\nseed: 5\ntrial_table: true\n"))
        let design = try workspace.lines("next/design.csv")
        #expect(design.first == "policy.land.annual_quota_mu,policy.poc.slots" && design.count == 5)
        // The design's candidates are the first four the unsharded search evaluated.
        let evaluated = try workspace.lines("whole/evaluations.csv").dropFirst().prefix(4)
        #expect(design.dropFirst().map { $0 } == evaluated.map { $0.split(separator: ",").dropFirst().prefix(2).joined(separator: ",") })
        #expect(try workspace.run(["sweep", "next/sweep.yaml", "--out", "gen0"]).status == 0)
        let local = try workspace.run(["optimise", "f.yaml", "--out", "local", "--import", "gen0"])
        #expect(local.status == 0, "\(local.stderr)")
        for file in ["evaluations.csv", "front.csv", "front.svg"] {
            #expect(try workspace.data("local/" + file) == workspace.data("whole/" + file), "\(file)")
        }
        // A design for the bundled default carries its text (the sweep needs a file).
        try workspace.write("default.yaml", Self.spec.replacingOccurrences(of: "scenario: small.yaml\n", with: ""))
        let bundled = try workspace.run(["optimise", "default.yaml", "--out", "d", "--emit-design", "dnext"])
        #expect(bundled.status == 0, "\(bundled.stderr)")
        #expect(try workspace.text("dnext/scenario.yaml") == BundledScenarios.defaultYAML)
        #expect(try workspace.text("dnext/sweep.yaml").contains("scenario: \"scenario.yaml\""))
    }

    @Test func whatCannotBeShardedOrImportedIsRefused() throws {
        let workspace = try Self.workspace()
        let single = Self.spec.replacingOccurrences(of: "  - maximise: converted_local.p50\n", with: "")
        try workspace.write("nm.yaml", single)
        let nm = try workspace.run(["optimise", "nm.yaml", "--out", "nm", "--emit-design", "next"])
        #expect(nm.status == 64 && nm.stderr.contains("Nelder–Mead asks for one candidate at a time"), "\(nm.stderr)")
        let seek = try workspace.run(["optimise", "--scenario", "small.yaml", "--seek", "policy.poc.slots", "--target",
                                      "converted_local.mean >= 1", "--emit-design", "next"])
        #expect(seek.status == 64 && seek.stderr.contains("goal seek bisects"), "\(seek.stderr)")
        let same = try workspace.run(["optimise", "f.yaml", "--out", "x", "--emit-design", "x/"])
        #expect(same.status == 64)
        #expect(!workspace.exists("next") && !workspace.exists("nm") && !workspace.exists("x"))
        // A shard, another seed's sweep, a plain sweep without trials: refused, exit 65.
        #expect(try workspace.run(["optimise", "f.yaml", "--out", "front", "--emit-design", "next"]).status == 0)
        #expect(try workspace.run(["sweep", "next/sweep.yaml", "--shard", "1/2", "--out", "s1"]).status == 0)
        #expect(try workspace.run(["sweep", "next/sweep.yaml", "--seed", "6", "--out", "seed6"]).status == 0)
        try workspace.write("plain.yaml", try workspace.text("next/sweep.yaml")
            .replacingOccurrences(of: "trial_table: true", with: "trial_table: false")
            .replacingOccurrences(of: "../small.yaml", with: "small.yaml").replacingOccurrences(of: "csv: design.csv", with: "csv: next/design.csv"))
        #expect(try workspace.run(["sweep", "plain.yaml", "--out", "plain"]).status == 0)
        for (folder, message) in [("s1", "is shard 1/2 of a sweep"), ("seed6", "its seed is 6, the search's 5"),
                                  ("plain", "holds no sweep_trials.csv")] {
            let run = try workspace.run(["optimise", "f.yaml", "--out", "front", "--emit-design", "next", "--import", folder])
            #expect(run.status == 65 && run.stderr.contains(message), "\(folder): \(run.stderr)")
        }
        // A sweep the search does not need is noted, and the same design written again.
        #expect(try workspace.run(["sweep", "next/sweep.yaml", "--out", "gen0"]).status == 0)
        #expect(try workspace.run(["optimise", "f.yaml", "--out", "front", "--emit-design", "next", "--import", "gen0"]).status == 0)
        let again = try workspace.run(["optimise", "f.yaml", "--out", "front", "--emit-design", "next", "--import", "gen0"])
        #expect(again.status == 0 && again.stdout.hasPrefix("NSGA-II generation 1 of 2"), "\(again.stdout)")
        #expect(again.stderr.contains("note: --import gen0: the search took none of its candidates"), "\(again.stderr)")
    }
}
