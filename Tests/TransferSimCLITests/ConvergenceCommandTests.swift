// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// `--until-ci` on run and compare, and `run --json`, end to end.
@Suite struct ConvergenceCommandTests {
    /// An unreachable target stops at the cap and says so; a loose one stops after the first batch
    /// of 250 trials, and the manifest records the trials actually run.
    @Test func runStopsAtTheTargetOrTheCap() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let capped = try workspace.run(["run", "small.yaml", "--until-ci", "1e-9", "--trials", "300", "--out", "a"])
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(capped.stdout.contains("Not converged: the cap of 300 trials was reached"))
        #expect(try Manifest.decode(from: workspace.data("a/manifest.json")).trials == 300)
        let loose = try workspace.run(["run", "small.yaml", "--until-ci", "1", "--trials", "5000", "--out", "b"])
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(loose.stdout.contains("Converged after 250 trials"))
        #expect(try workspace.lines("b/trials.csv").count == 1 + 250)
    }

    @Test func compareWatchesThePairedDifference() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["compare", "small.yaml", "--until-ci", "1000", "--metric", "converted_local",
                                     "--trials", "2000", "--out", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Converged after 250 trials"))
        #expect(try Manifest.decode(from: workspace.data("c/manifest.json")).trials == 250)
    }

    @Test func badConvergenceFlagsAreUsageErrors() throws {
        let workspace = try Workspace()
        let unknown = try workspace.run(["run", "--until-ci", "0.01", "--metric", "local_conversion_shar", "--trials", "5"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean 'local_conversion_share'?"))
        #expect(try workspace.run(["run", "--until-ci", "-1", "--trials", "5"]).status == 64)
        #expect(try workspace.run(["run", "--metric", "contracts", "--trials", "5"]).status == 64)
    }

    @Test func runJSONIsMachineReadable() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "12", "--json", "--out", "j"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["trials"] as? Int == 12)
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics.count == Metric.allCases.count + FundLayout(funds: ["seed"], years: 1).columns.count)
        let local = try #require(metrics["local_conversion_share"] as? [String: Any])
        #expect(local["mean"] is Double && local["n"] as? Int == 12)
    }
}
