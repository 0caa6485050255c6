// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// The funds' files end to end: `fund_cashflows.csv`, and `fund_flows.csv` from which an auditor
/// recomputes the metrics in `trials.csv`.
@Suite struct FundOutputsTests {
    @Test func fundFlowsRecomputeEveryTrialsPaidInAndIRR() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["run", "--trials", "3", "--threads", "1", "--fund-flows", "--out", "f"])
        #expect(run.status == 0, "\(run.stderr)")
        let cashflows = try workspace.lines("f/fund_cashflows.csv")
        #expect(cashflows.first == FundTables.cashflowsHeader.joined(separator: ","))
        #expect(cashflows.count == 1 + 3 * 10 * 4, "3 classes × 10 years × 4 statistics")

        let flows = try workspace.lines("f/fund_flows.csv")
        #expect(flows.first == "trial,fund,lp_class,month,contribution,distribution,nav")
        let trials = try workspace.lines("f/trials.csv")
        let header = trials[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for trial in 0..<3 {
            let row = trials[trial + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for lpClass in ["government", "private", "gross"] {
                let mine = flows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                    .filter { $0[0] == String(trial) && $0[1] == "seed" && $0[2] == lpClass }
                #expect(mine.last?[3] == "119", "a row for every month to the horizon")
                let contributions = mine.map { Double($0[4]) ?? .nan }, distributions = mine.map { Double($0[5]) ?? .nan }
                var net = zip(distributions, contributions).map { $0 - $1 }
                net[net.count - 1] += Double(mine.last?[6] ?? "") ?? .nan
                let irr = InternalRateOfReturn.annual(monthlyFlows: net)
                let paidIn = contributions.reduce(0, +)
                guard let irrColumn = header.firstIndex(of: "fund.seed.\(lpClass).irr"),
                      let paidColumn = header.firstIndex(of: "fund.seed.\(lpClass).paid_in") else {
                    Issue.record("no fund columns for \(lpClass) in trials.csv")
                    continue
                }
                #expect(abs(paidIn - (Double(row[paidColumn]) ?? .nan)) <= 1e-6 * max(1, paidIn), "trial \(trial) \(lpClass)")
                if let irr {
                    #expect(abs(irr - (Double(row[irrColumn]) ?? .nan)) < 1e-9, "trial \(trial) \(lpClass)")
                } else {
                    #expect(row[irrColumn].isEmpty, "an undefined IRR is an empty cell")
                }
            }
        }
    }

    @Test func fundFlowsNeedAFixedTrialCount() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["run", "--fund-flows", "--until-ci", "0.01", "--out", "f"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--fund-flows cannot be combined with --until-ci"))
    }

    /// The deployability warning (MODEL.md §5.10): Lanzhou's proposed 2亿 conversion fund in a city
    /// that makes about ninety ventures in ten years leaves most of its new-deal budget uninvested
    /// (about 78 % measured at 300 trials), so `run` says so; the default city's 5,000万 seed fund
    /// deploys nearly all of it (about 3 %), and `run` says nothing. Every fund's deals split into
    /// pipeline and outside deals.
    @Test func runWarnsWhenAFundCannotDeploy() throws {
        let workspace = try Workspace()
        let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios").path
        let large = try workspace.run(["run", scenarios + "/lanzhou.yaml", "--policy", "conversion_vc_fund", "--trials", "20",
                                       "--threads", "2", "--out", "l"])
        #expect(large.status == 0, "\(large.stderr)")
        #expect(large.stdout.contains("warning: fund seed leaves more than half of its new-deal budget uninvested"))
        let compared = try workspace.run(["compare", scenarios + "/lanzhou.yaml", "--policy", "conversion_vc_fund",
                                          "--trials", "20", "--threads", "2", "--out", "c"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("conversion_vc_fund: warning: fund seed leaves more than half"))
        #expect(!compared.stdout.contains("baseline: warning"), "the preset's own small fund deploys")
        let small = try workspace.run(["run", "--trials", "20", "--threads", "2", "--out", "d"])
        #expect(small.status == 0, "\(small.stderr)")
        #expect(!small.stdout.contains("warning: fund"))
        let trials = try workspace.lines("d/trials.csv")
        let header = trials[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let deals = try #require(header.firstIndex(of: "fund.seed.gross.deals"))
        let pipeline = try #require(header.firstIndex(of: "fund.seed.gross.pipeline_deals"))
        let outside = try #require(header.firstIndex(of: "fund.seed.gross.outside_deals"))
        for line in trials.dropFirst() {
            let row = line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
            #expect(row[deals] == row[pipeline] + row[outside])
        }
    }
}
