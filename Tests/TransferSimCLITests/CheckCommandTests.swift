// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimIO

/// `transfersim check`, `run --check` and `compare --check`.
@Suite struct CheckCommandTests {
    /// The small scenario with one target that holds (results are disclosed) and, when
    /// `failing`, one that cannot (no trial discloses a million results).
    static func scenario(failing: Bool) -> String {
        smallScenario + "targets:\n  - disclosed.mean > 0\n" + (failing ? "  - disclosed.p50 >= 1000000\n" : "")
    }

    @Test func passesAndFailsWhereItShouldNamingTargetAndValue() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", Self.scenario(failing: false))
        let run = try workspace.run(["run", "small.yaml", "--trials", "8", "--threads", "1", "--out", "r"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Manifest.decode(from: workspace.data("r/manifest.json")).targets == ["disclosed.mean > 0"])

        let pass = try workspace.run(["check", "r"])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("pass disclosed.mean > 0: value "))
        #expect(pass.stdout.contains("1 of 1 targets met."))

        let fail = try workspace.run(["check", "r", "--expect", "disclosed.max < 1", "--expect", "in_progress.min >= 0"])
        #expect(fail.status == 1)
        let failed = fail.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
        #expect(failed.count == 1)
        #expect(failed.first?.hasPrefix("FAIL disclosed.max < 1: value ") == true)
        #expect(fail.stdout.contains("2 of 3 targets met."))

        let json = try workspace.run(["check", "r", "--expect", "disclosed.max < 1", "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.map { $0["passed"] as? Bool } == [true, false])
        #expect(targets[1]["target"] as? String == "disclosed.max < 1")
        #expect(targets[1]["value"] is Double)
    }

    @Test func runCheckAndCompareCheckExitOneOnAFailedTarget() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", Self.scenario(failing: true))
        let run = try workspace.run(["run", "small.yaml", "--trials", "4", "--threads", "1", "--check"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL disclosed.p50 >= 1000000: value "))
        #expect(workspace.exists("out/summary.csv"), "results are written before they are checked")

        let compare = try workspace.run(["compare", "small.yaml", "--trials", "4", "--threads", "1", "--out", "c", "--check"])
        #expect(compare.status == 1)
        #expect(compare.stdout.contains("pass disclosed.mean > 0"), "baseline rows of compare.csv stand for plain metrics")
        // A larger inventor share discloses more results (MODEL.md §4.1): the paired difference is positive.
        let paired = try workspace.run(["check", "c", "--expect", "generous/disclosed.diff > 0"])
        #expect(paired.stdout.contains("pass generous/disclosed.diff > 0: value "))
    }

    @Test func badExpectationIsAUsageErrorAndAMissingFolderIsMissingInput() throws {
        let workspace = try Workspace()
        let bad = try workspace.run(["check", "nowhere", "--expect", "disclosd.mean > 1"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("did you mean 'disclosed'?"))
        let missing = try workspace.run(["check", "nowhere"])
        #expect(missing.status == 66)
    }
}
