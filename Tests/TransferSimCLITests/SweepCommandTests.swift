// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

/// `transfersim sweep` end to end on the small scenario.
@Suite struct SweepCommandTests {
    static let sweep = """
        scenario: small.yaml
        design: grid
        trials: 4
        seed: 5
        parameters:
          policy.income.inventor_share: {values: [0.5, 0.8]}
          policy.land.annual_quota_mu: {range: {low: 0, high: 500, steps: 3}}
        """

    @Test func gridSweepWritesOneSortedRowPerPoint() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", Self.sweep)
        let run = try workspace.run(["sweep", "s.yaml", "--out", "sw", "--threads", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try workspace.lines("sw/sweep.csv")
        #expect(lines.first?.hasPrefix("point,policy.income.inventor_share,policy.land.annual_quota_mu,disclosed.mean,disclosed.ci_low,disclosed.ci_high,disclosed.p05,disclosed.p50,disclosed.p95,") == true)
        #expect(firstColumn(lines) == (0..<6).map(String.init))
        #expect(lines[6].hasPrefix("5,0.8,500,"))
        let long = try workspace.lines("sw/sweep_long.csv")
        #expect(long.first == "point,metric,stat,value")
        #expect(long.count == 1 + 6 * Metric.allCases.count * 6)
        #expect(!workspace.exists("sw/sweep.journal.csv"))
        #expect(workspace.exists("sw/manifest.json"))
    }

    @Test func badSweepsAreRefusedClearly() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("typo.yaml", Self.sweep.replacingOccurrences(of: "inventor_share", with: "inventor_shar"))
        let typo = try workspace.run(["sweep", "typo.yaml", "--out", "x"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("did you mean 'policy.income.inventor_share'?"))
        try workspace.write("range.yaml", Self.sweep.replacingOccurrences(of: "low: 0, high: 500", with: "low: 500, high: 0"))
        let range = try workspace.run(["sweep", "range.yaml", "--out", "x"])
        #expect(range.status == 65)
        #expect(range.stderr.contains("impossible range"))
        #expect(!workspace.exists("x"))
    }
}

/// `sweep --resume`: a sweep killed mid-run and resumed ends byte-identical to an uninterrupted one.
@Suite struct SweepResumeTests {
    static let sweep = """
        scenario: small.yaml
        design: latin_hypercube
        points: 40
        trials: 40
        seed: 5
        parameters:
          policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
          policy.land.annual_quota_mu: {range: {low: 0, high: 500}}
        """

    /// Starts a sweep into `out`, waits until at least `lines` points are journaled, sends `signal`.
    static func interrupt(_ workspace: Workspace, out: String, signal: Int32, lines: Int = 3) throws {
        try workspace.interrupt(["sweep", "s.yaml", "--out", out, "--threads", "1"],
                                watching: out + ".in-progress/sweep.journal.csv", lines: 1 + lines, signal: signal)
    }

    @Test(arguments: [SIGKILL, SIGINT])
    func resumedSweepEqualsUninterrupted(signal: Int32) throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", Self.sweep)
        let whole = try workspace.run(["sweep", "s.yaml", "--out", "whole", "--threads", "1"])
        #expect(whole.status == 0, "\(whole.stderr)")
        try Self.interrupt(workspace, out: "cut", signal: signal)
        #expect(!workspace.exists("cut"), "the sweep finished before it could be interrupted, or left a partial folder")
        let journaled = try workspace.lines("cut.in-progress/sweep.journal.csv").count - 1
        #expect(journaled >= 3 && journaled < 40)
        let resumed = try workspace.run(["sweep", "s.yaml", "--out", "cut", "--threads", "2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try workspace.data("cut/sweep.csv") == workspace.data("whole/sweep.csv"))
        #expect(try workspace.data("cut/sweep_long.csv") == workspace.data("whole/sweep_long.csv"))
        #expect(!workspace.exists("cut/sweep.journal.csv") && !workspace.exists("cut.in-progress"))
        #expect(workspace.entries("cut") == ["manifest.json", "metrics.csv", "sweep.csv", "sweep_long.csv"])
    }

    @Test func tornLastLineIsDroppedAndResumeRefusesAnotherSweep() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", Self.sweep)
        let whole = try workspace.run(["sweep", "s.yaml", "--out", "whole", "--threads", "1"])
        #expect(whole.status == 0)
        try Self.interrupt(workspace, out: "cut", signal: SIGKILL)
        // Tear the last line in half, as a kill during a write could.
        var journal = try workspace.text("cut.in-progress/sweep.journal.csv")
        journal.removeLast(25)
        try workspace.write("cut.in-progress/sweep.journal.csv", journal)
        let other = try workspace.run(["sweep", "s.yaml", "--out", "cut", "--seed", "6", "--resume"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("different sweep"))
        let resumed = try workspace.run(["sweep", "s.yaml", "--out", "cut", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try workspace.data("cut/sweep.csv") == workspace.data("whole/sweep.csv"))
        #expect(try workspace.data("cut/sweep_long.csv") == workspace.data("whole/sweep_long.csv"))
    }
}

/// `sweep --shard K/N` and `merge`.
@Suite struct SweepShardTests {
    @Test func mergedShardsEqualTheUnshardedBytes() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", SweepCommandTests.sweep)
        #expect(try workspace.run(["sweep", "s.yaml", "--out", "whole"]).status == 0)
        for k in 1...3 {
            let shard = try workspace.run(["sweep", "s.yaml", "--out", "shard\(k)", "--shard", "\(k)/3"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(firstColumn(try workspace.lines("shard\(k)/sweep.csv")) == [String(k - 1), String(k + 2)])
        }
        // Given in any order.
        let merge = try workspace.run(["merge", "shard2", "shard3", "shard1", "--out", "merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try workspace.data("merged/sweep.csv") == workspace.data("whole/sweep.csv"))
        #expect(try workspace.data("merged/sweep_long.csv") == workspace.data("whole/sweep_long.csv"))
        #expect(workspace.exists("merged/manifest.json"))

        let missing = try workspace.run(["merge", "shard1", "shard3", "--out", "m2"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("2 of 6 points are missing (1, 4)"))
        let twice = try workspace.run(["merge", "shard1", "shard1", "shard2", "shard3", "--out", "m3"])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("point 0 is in both"))
        #expect(try workspace.run(["sweep", "s.yaml", "--out", "other", "--shard", "2/3", "--seed", "6"]).status == 0)
        let mixed = try workspace.run(["merge", "shard1", "other", "shard3", "--out", "m4"])
        #expect(mixed.status == 65)
        #expect(mixed.stderr.contains("different seeds"))
        #expect(!workspace.exists("m2") && !workspace.exists("m3") && !workspace.exists("m4"))
    }

    @Test(arguments: ["0/3", "4/3", "3", "a/b", "1/0"])
    func badShardSpecsAreUsageErrors(spec: String) throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", SweepCommandTests.sweep)
        let run = try workspace.run(["sweep", "s.yaml", "--out", "x", "--shard", spec])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--shard"))
        #expect(!workspace.exists("x"))
    }
}

/// `design: {csv: …}`, targets in sweep files, `--check` and `--json`.
@Suite struct SweepCSVDesignTests {
    static let sweep = """
        scenario: small.yaml
        design: {csv: points.csv}
        trials: 4
        seed: 5
        targets: ["disclosed.mean >= 1", "converted_local.p50 >= 100000"]
        """

    @Test func csvDesignRunsItsRowsAndChecksTargetsPerPoint() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", Self.sweep)
        try workspace.write("points.csv", "policy.land.annual_quota_mu,policy.income.inventor_share\n0,0.5\n500,0.8\n")
        let plain = try workspace.run(["sweep", "s.yaml", "--out", "a"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let lines = try workspace.lines("a/sweep.csv")
        #expect(lines[0].hasPrefix("point,policy.land.annual_quota_mu,policy.income.inventor_share,"))
        #expect(lines[1].hasPrefix("0,0,0.5,") && lines[2].hasPrefix("1,500,0.8,"))
        // The same points from a grid give the same numbers (common random numbers).
        try workspace.write("g.yaml", """
            scenario: small.yaml
            trials: 4
            seed: 5
            parameters:
              policy.land.annual_quota_mu: {values: [0]}
              policy.income.inventor_share: {values: [0.5]}
            """)
        #expect(try workspace.run(["sweep", "g.yaml", "--out", "g"]).status == 0)
        #expect(try workspace.lines("g/sweep.csv")[1] == lines[1])

        let checked = try workspace.run(["sweep", "s.yaml", "--out", "b", "--check", "--expect", "disclosed.mean > 0"])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("pass disclosed.mean >= 1: at all 2 points"))
        #expect(checked.stdout.contains("FAIL converted_local.p50 >= 100000: fails at 2 of 2 points: point 0"))
        let check = try workspace.run(["check", "b"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("FAIL converted_local.p50 >= 100000"))
        let json = try workspace.run(["sweep", "s.yaml", "--out", "c", "--json"])
        #expect(json.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(report?["points"] as? Int == 2)
        #expect((report?["sweep_sha256"] as? String)?.count == 64)
    }

    @Test func badDesignFilesArePositioned() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", Self.sweep)
        try workspace.write("points.csv", "policy.land.annual_quota_mu,policy.income.inventor_shar\n0,0.5\n500,x\n")
        let bad = try workspace.run(["sweep", "s.yaml", "--out", "x"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("points.csv:1:29: error: column 'policy.income.inventor_shar' is not a parameter path; did you mean 'policy.income.inventor_share'?"))
        #expect(bad.stderr.contains("points.csv:3:5: error: 'x' is not a number"))
        try workspace.write("points.csv", "policy.land.annual_quota_mu\n0\n")
        try workspace.write("p.yaml", Self.sweep + "\nparameters: [policy.land.annual_quota_mu, policy.income.inventor_share]\n")
        let missing = try workspace.run(["sweep", "p.yaml", "--out", "x"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("p.yaml:6:43: error: the design file 'points.csv' has no column 'policy.income.inventor_share'"))
        try workspace.write("n.yaml", Self.sweep.replacingOccurrences(of: "points.csv", with: "nope.csv"))
        #expect(try workspace.run(["sweep", "n.yaml", "--out", "x"]).status == 66)
        #expect(!workspace.exists("x"))
    }
}
