// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// The small scenario with its own `levers:` section (two steps).
let leversScenario = smallScenario + """
    levers:
      share_70:
        description: "Inventor share 50 % → 70 % | expect: local up"
        policy:
          income: {inventor_share: 0.7}
      land_400:
        description: "Land 400 亩 a year"
        policy: {land: {annual_quota_mu: 400}}

    """

/// `transfersim levers` and `compare --policy a+b` end to end.
@Suite struct LeversCommandTests {
    @Test func leversCSVIsByteIdenticalForAnyThreadCount() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", leversScenario)
        let one = try workspace.run(["levers", "small.yaml", "--trials", "24", "--threads", "1", "--out", "t1"])
        #expect(one.status == 0, "\(one.stderr)")
        let three = try workspace.run(["levers", "small.yaml", "--trials", "24", "--threads", "3", "--out", "t3"])
        #expect(three.status == 0, "\(three.stderr)")
        #expect(try workspace.data("t1/levers.csv") == workspace.data("t3/levers.csv"))
        let lines = try workspace.lines("t1/levers.csv")
        #expect(lines.first == "lever,step,metric,base_mean,diff,diff_ci_low,diff_ci_high,note")
        #expect(lines.count == 1 + 2 * 5, "two steps of the file's levers: section, four metrics and the ratio each")
        #expect(Set(firstColumn(lines)) == ["share_70", "land_400"])
        #expect(lines.filter { $0.contains(",cost_per_extra_local_conversion,") }.count == 2)
        let manifest = try Manifest.decode(from: workspace.data("t1/manifest.json"))
        #expect(manifest.policy.hasPrefix("baseline,"))
        #expect(one.stdout.contains("lever 政策杠杆"))
    }

    /// manifest.json lists every step, as compare lists its variants: name, description (step and
    /// expectation), the parameters it changes with their values and where the file sets them,
    /// and the channels its expectation names; `report` shows each step's changes.
    @Test func manifestListsEachStepsOverridesAndChannels() throws {
        let workspace = try Workspace()
        let text = smallScenario + """
            levers:
              share_70:
                description: "Inventor share 50 % → 70 % | expect: local up"
                policy:
                  income: {inventor_share: 0.7}
              seed_off:
                description: "No seed fund | expect: local down; channel: ventures_on_market down"
                policy: {funds: {seed: {government_commitment: 0, private_commitment: 0}}}

            """
        try workspace.write("steps.yaml", text)
        // Where the file sets each value (line, column of the value, 1-based), found in the text.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func origin(_ line: String, _ value: String) throws -> String {
            let index = try #require(lines.lastIndex { $0.contains(line) })
            let column = try #require(lines[index].range(of: value)).lowerBound.utf16Offset(in: lines[index]) + 1
            return "steps.yaml:\(index + 1):\(column)"
        }
        let run = try workspace.run(["levers", "steps.yaml", "--trials", "4", "--out", "l"])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try Manifest.decode(from: workspace.data("l/manifest.json"))
        #expect(manifest.policy == "baseline,share_70,seed_off")
        let share = try origin("income: {inventor_share: 0.7}", "0.7")
        #expect(share != "steps.yaml:12:32", "the step's setting, not the variant's")
        let seedLine = "policy: {funds: {seed: {government_commitment: 0, private_commitment: 0}}}"
        #expect(manifest.variants == [
            Manifest.Variant(name: "share_70", description: "Inventor share 50 % → 70 % | expect: local up",
                             overrides: ["policy.income.inventor_share": .init(value: "0.7", origin: share)]),
            Manifest.Variant(name: "seed_off", description: "No seed fund | expect: local down; channel: ventures_on_market down",
                             overrides: [
                                "policy.funds.seed.government_commitment": .init(value: "0", origin: try origin(seedLine, "0, private")),
                                "policy.funds.seed.private_commitment": .init(value: "0", origin: try origin(seedLine, "0}}}")),
                             ], channels: ["ventures_on_market down"]),
        ])
        // The base policy's values, which the report sets beside each step's.
        #expect(manifest.parameters["policy.income.inventor_share"]?.value == "0.5")
        let report = try workspace.run(["report", "l", "--out", "l.html"])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try workspace.text("l.html")
        #expect(html.contains("<summary>share_70 — Inventor share 50 % → 70 %</summary>\n<details open><summary>What it changes (1 parameter)</summary>"))
        #expect(html.contains("<th>parameter</th><th>step</th><th>base policy</th><th>unit</th>"))
        #expect(html.contains("<code>policy.income.inventor_share</code></td><td class=\"value num\"><strong>0.7</strong></td><td class=\"value num\">0.5</td>"))
        #expect(html.contains("<code>policy.funds.seed.private_commitment</code></td><td class=\"value num\"><strong>0</strong></td>"))
    }

    /// `report` shows the ranked table and the cost-effectiveness chart; `plot … levers` draws it alone.
    @Test func reportAndPlotDrawTheLeversFolder() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", leversScenario)
        let run = try workspace.run(["levers", "small.yaml", "--trials", "12", "--out", "l"])
        #expect(run.status == 0, "\(run.stderr)")
        let plot = try workspace.run(["plot", "l", "levers", "--svg", "levers.svg"])
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try workspace.text("levers.svg")
        #expect(svg.contains("<svg") && svg.contains(">share_70</text>") && svg.contains(">land_400</text>"))
        let report = try workspace.run(["report", "l", "--out", "l.html"])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try workspace.text("l.html")
        #expect(html.contains("What each lever buys") && html.contains("<td>share_70</td>") && html.contains("<svg"))
    }

    /// `--until-ci` stops at the first batch when the width is loose, well before the cap.
    @Test func untilCIStopsAtTheFirstBatchWhenPreciseEnough() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", leversScenario)
        let run = try workspace.run(["levers", "small.yaml", "--until-ci", "1000", "--metric", "converted_local",
                                     "--trials", "5000", "--out", "u"])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try Manifest.decode(from: workspace.data("u/manifest.json"))
        #expect(manifest.trials == ConvergenceRule.batchSize)
        #expect(run.stdout.contains("Converged after"))
    }

    @Test func runsOnTheBundledDefaultScenario() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["levers", "--trials", "2", "--only", "land_400", "--only", "tech_loans_off", "--out", "d"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try workspace.lines("d/levers.csv")
        #expect(Set(firstColumn(lines)) == ["land_400", "tech_loans_off"])
        #expect(run.stdout.contains("Wrote levers.csv, metrics.csv, manifest.json to d."))
        // The built-in steps' settings, which no file states, are recorded as the lever steps'.
        let manifest = try Manifest.decode(from: workspace.data("d/manifest.json"))
        let land = try #require(manifest.variants?.first { $0.name == "land_400" })
        #expect(land.overrides == ["policy.land.annual_quota_mu": .init(value: "400", origin: "built-in lever step")])
        #expect(land.channels == nil)
        #expect(manifest.variants?.first { $0.name == "tech_loans_off" }?.channels == ["contracts_local down", "ventures_raised_seed down"])
        let unknown = try workspace.run(["levers", "--trials", "2", "--only", "land_40", "--out", "e"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("did you mean 'land_400'?"))
        #expect(!workspace.exists("e"))
    }

    static let combinable = smallScenario + """
      land:
        description: "More land"
        policy: {land: {annual_quota_mu: 400}}
      both:
        description: "Written by hand: generous + land"
        policy:
          income: {inventor_share: 0.7}
          land: {annual_quota_mu: 400}
      stingy:
        description: "Less for inventors"
        policy:
          income: {inventor_share: 0.3}

    """

    @Test func combinedPolicyEqualsAHandWrittenVariantByteForByte() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", Self.combinable)
        let combined = try workspace.run(["compare", "small.yaml", "--policy", "generous+land", "--trials", "16", "--out", "a"])
        #expect(combined.status == 0, "\(combined.stderr)")
        let byHand = try workspace.run(["compare", "small.yaml", "--policy", "both", "--trials", "16", "--out", "b"])
        #expect(byHand.status == 0, "\(byHand.stderr)")
        let a = try workspace.text("a/compare.csv").replacingOccurrences(of: "\ngenerous+land,", with: "\nboth,")
        #expect(a == (try workspace.text("b/compare.csv")))
    }

    @Test func conflictingCombinationIsAnInvalidScenarioNamingBoth() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", Self.combinable)
        let run = try workspace.run(["compare", "small.yaml", "--policy", "generous+stingy", "--trials", "4", "--out", "c"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("'generous'") && run.stderr.contains("'stingy'")
                    && run.stderr.contains("policy.income.inventor_share"))
        #expect(!workspace.exists("c"))
    }

    /// The interaction of `generous+land` is, per metric, diff(a+b) − diff(a) − diff(b) of
    /// compare.csv (no metric of the key ones is undefined in a trial here).
    @Test func interactionsAreTheCombinedDiffMinusThePartsDiffs() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", Self.combinable)
        let run = try workspace.run(["compare", "small.yaml", "--policy", "generous+land", "--interactions",
                                     "--trials", "16", "--out", "i"])
        #expect(run.status == 0, "\(run.stderr)")
        let compare = try workspace.lines("i/compare.csv").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func diff(_ policy: String, _ metric: String) -> Double? {
            compare.first { $0[0] == policy && $0[1] == metric }.flatMap { Double($0[5]) }
        }
        let interactions = try workspace.lines("i/interactions.csv")
        #expect(interactions.first == "policy,metric,interaction,ci_low,ci_high")
        #expect(interactions.count == 1 + Metric.allCases.count)
        for metric in ["converted_local", "fiscal_cost_total"] {
            let row = try #require(interactions.first { $0.hasPrefix("generous+land,\(metric),") })
            let value = try #require(Double(row.split(separator: ",")[2]))
            let expected = try #require(diff("generous+land", metric)) - #require(diff("generous", metric)) - #require(diff("land", metric))
            #expect(abs(value - expected) < 1e-9 * max(1, abs(expected)), "\(metric)")
        }
        #expect(run.stdout.contains("(a+b) − a − b"))
    }
}
