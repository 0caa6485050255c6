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
}
