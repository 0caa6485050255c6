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
        #expect(run.stdout.contains("Wrote compare.csv, compare_timeseries.csv, metrics.csv, manifest.json to c."))
    }

    /// The cells of a CSV table by its header's column names (no quoted commas in these tables).
    static func records(_ lines: [String]) -> [[String: String]] {
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// `compare_timeseries.csv`: every policy × year × yearly metric, a cost row per variant and
    /// year; its last year's running totals are the horizon's totals of `compare.csv`, and the same
    /// bytes come out on one thread or two.
    @Test func timeSeriesEndsAtTheHorizonsTotals() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["compare", "small.yaml", "--trials", "16", "--threads", "1", "--out", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try workspace.lines("c/compare_timeseries.csv")
        #expect(lines.first == "policy,year,metric,mean,p05,p25,p50,p75,p95,diff,diff_ci_low,diff_ci_high")
        let years = 3  // smallScenario's horizon
        #expect(lines.count == 1 + 2 * years * YearlyMetric.count + years, "two policies' yearly rows, the variant's cost rows")
        let series = Self.records(lines)
        let totals = Self.records(try workspace.lines("c/compare.csv"))
        func total(_ policy: String, _ metric: String) throws -> [String: String] {
            try #require(totals.first { $0["policy"] == policy && $0["metric"] == metric })
        }
        func lastYear(_ policy: String, _ metric: String) throws -> [String: String] {
            try #require(series.first { $0["policy"] == policy && $0["year"] == "\(years)" && $0["metric"] == metric })
        }
        /// Equal up to the rounding of summing a trial's spending by year rather than event by event.
        func close(_ a: String?, _ b: String?, relative: Double) -> Bool {
            guard let x = a.flatMap(Double.init), let y = b.flatMap(Double.init) else { return false }
            return abs(x - y) <= relative * max(abs(x), abs(y))
        }
        for policy in ["baseline", "generous"] {
            // Per trial, the last year's running total is fiscal_cost_total up to summation order
            // (1e-12 relative on these sums), so the means agree far inside 1e-9.
            let cost = try lastYear(policy, "cumulative_fiscal_cost"), costTotal = try total(policy, "fiscal_cost_total")
            #expect(close(cost["mean"], costTotal["mean"], relative: 1e-9), "\(policy): \(cost) vs \(costTotal)")
            #expect(try #require(Double(costTotal["mean"] ?? "")) > 0, "a run that spends nothing would make this identity empty")
            // Local conversions are whole counts: the same per trial, so the same mean exactly.
            let local = try lastYear(policy, "cumulative_converted_local"), localTotal = try total(policy, "converted_local")
            #expect(local["mean"] == localTotal["mean"])
            if policy != "baseline" {
                #expect(close(cost["diff"], costTotal["diff"], relative: 1e-9))
                #expect(local["diff"] == localTotal["diff"] && local["diff_ci_low"] == localTotal["diff_ci_low"])
                // The cost per extra local conversion to the horizon is compare.csv's (both empty when undefined).
                let ratio = try lastYear(policy, "cost_per_extra_local_conversion"), ratioTotal = try total(policy, "cost_per_extra_local_conversion")
                #expect(ratio["diff"]?.isEmpty == ratioTotal["diff"]?.isEmpty)
                if ratio["diff"]?.isEmpty == false { #expect(close(ratio["diff"], ratioTotal["diff"], relative: 1e-9)) }
            } else {
                #expect(cost["diff"] == "" && local["diff_ci_high"] == "")
            }
        }
        // Any thread count: the same bytes.
        #expect(try workspace.run(["compare", "small.yaml", "--trials", "16", "--threads", "2", "--out", "c2"]).status == 0)
        #expect(try workspace.data("c2/compare_timeseries.csv") == workspace.data("c/compare_timeseries.csv"))
    }

    /// A variant whose only change is scheduled from year 3 gives trials identical to the
    /// baseline's before month 24 (common random numbers across schedules, docs/schedules.md), so
    /// every yearly difference of years 1 and 2 is exactly 0, interval included, and the cost ratio
    /// is undefined there; from year 3 the extra PoC slots cost money.
    @Test func aScheduledChangeMakesNoDifferenceBeforeItsYear() throws {
        let workspace = try Workspace()
        try workspace.write("later.yaml", """
            name: "small"
            region:
              time:
                horizon_years: 4
                intake_years: 4
              arrivals:
                annual_disclosures: 60
            variants:
              poc_from_3:
                description: "More PoC slots from year 3"
                policy:
                  poc: {slots: {from_year: {3: 40}}}

            """)
        let run = try workspace.run(["compare", "later.yaml", "--trials", "16", "--out", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        let series = Self.records(try workspace.lines("c/compare_timeseries.csv"))
        let variant = series.filter { $0["policy"] == "poc_from_3" }
        #expect(variant.count == 4 * (YearlyMetric.count + 1))
        for row in variant where ["1", "2"].contains(row["year"]) {
            let name = "year \(row["year"] ?? "") \(row["metric"] ?? "")"
            if row["metric"] == "cost_per_extra_local_conversion" {
                #expect(row["diff"] == "" && row["diff_ci_low"] == "" && row["diff_ci_high"] == "", "\(name)")
                continue
            }
            #expect(row["diff"] == "0" && row["diff_ci_low"] == "0" && row["diff_ci_high"] == "0", "\(name): \(row)")
            // And the variant's own bands are the baseline's, cell for cell.
            let baseline = try #require(series.first { $0["policy"] == "baseline" && $0["year"] == row["year"] && $0["metric"] == row["metric"] })
            for column in ["mean", "p05", "p25", "p50", "p75", "p95"] { #expect(row[column] == baseline[column], "\(name) \(column)") }
        }
        // The test can fail: from year 3 the 25 extra slots are used and paid for.
        let spent = try #require(variant.first { $0["year"] == "4" && $0["metric"] == "cumulative_fiscal_cost" })
        #expect(try #require(Double(spent["diff_ci_low"] ?? "")) > 0, "\(spent)")
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
