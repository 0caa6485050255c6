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
