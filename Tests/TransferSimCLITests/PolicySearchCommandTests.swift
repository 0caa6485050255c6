// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `transfersim optimise` and `discover` end to end on the small scenario.
@Suite struct PolicySearchCommandTests {
    static let front = """
        scenario: small.yaml
        trials: 12
        fresh_trials: 12
        seed: 5
        levers:
          policy.land.annual_quota_mu: {low: 0, high: 500}
          policy.poc.slots: {low: 0, high: 40}
        objectives:
          - minimise: fiscal_cost_total.mean
          - maximise: converted_local.mean
        constraints:
          - P(converted_local >= 1) >= 0.5
        search: {population: 8, generations: 3, seed: 3}
        """

    @Test func frontIsTheSameForAnyThreadCountAndReportsFreshTrials() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("f.yaml", Self.front)
        let one = try workspace.run(["optimise", "f.yaml", "--out", "one", "--threads", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try workspace.run(["optimize", "f.yaml", "--out", "two", "--threads", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        for file in ["front.csv", "evaluations.csv", "front.svg"] {
            #expect(try workspace.data("one/" + file) == workspace.data("two/" + file), "\(file) differs between 1 and 2 threads")
        }
        let header = try workspace.lines("one/front.csv")[0]
        #expect(header == "package,policy.land.annual_quota_mu,policy.poc.slots,fiscal_cost_total.mean,converted_local.mean,P(converted_local >= 1),violation,feasible,fiscal_cost_total.mean.fresh,converted_local.mean.fresh,P(converted_local >= 1).fresh,violation.fresh,feasible.fresh")
        // 8 initial candidates and 8 children a generation, duplicates evaluated once.
        let evaluated = try workspace.lines("one/evaluations.csv").count - 1
        #expect(evaluated > 8 && evaluated <= 32)
        #expect(workspace.entries("one") == ["evaluations.csv", "front.csv", "front.svg", "manifest.json"])
    }

    @Test func interruptedSearchResumesToTheSameBytes() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("f.yaml", Self.front.replacingOccurrences(of: "generations: 3", with: "generations: 6"))
        let whole = try workspace.run(["optimise", "f.yaml", "--out", "whole", "--threads", "1"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let binary = try #require(TransferSimBinary.url)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["optimise", "f.yaml", "--out", "cut", "--threads", "1"]
        process.currentDirectoryURL = workspace.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            let text = (try? workspace.text("cut.in-progress/sweep.journal.csv")) ?? ""
            if text.filter({ $0 == "\n" }).count >= 1 + 9 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!workspace.exists("cut"), "the search finished before it could be interrupted")
        let resumed = try workspace.run(["optimise", "f.yaml", "--out", "cut", "--threads", "2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("from the journal"))
        #expect(try workspace.data("cut/front.csv") == workspace.data("whole/front.csv"))
        #expect(try workspace.data("cut/evaluations.csv") == workspace.data("whole/evaluations.csv"))
    }

    /// Each broken spec is refused with its file and line, exit 65, and nothing written.
    @Test(arguments: [
        ("  policy.land.annual_quota_mu: {low: 0, high: 500}", "  policy.land.anual_quota_mu: {low: 0, high: 500}", 6, "did you mean 'policy.land.annual_quota_mu'?"),
        ("  policy.poc.slots: {low: 0, high: 40}", "  policy.poc.slots: {low: 40, high: 0}", 7, "must be below high"),
        ("  policy.poc.slots: {low: 0, high: 40}", "  policy.poc.slots: {low: 0, hihg: 40}", 7, "did you mean 'high'?"),
        ("  - minimise: fiscal_cost_total.mean", "  - minimise: fiscal_cost.mean", 9, "unknown outcome 'fiscal_cost.mean'"),
        ("  - P(converted_local >= 1) >= 0.5", "  - P(converted_local >= 1) >= 1.5", 12, "p in (0, 1]"),
        ("  - P(converted_local >= 1) >= 0.5", "  - converted_local.q20 >= 3", 12, "unknown statistic"),
        ("search: {population: 8, generations: 3, seed: 3}", "search: {population: 8, generation: 3}", 13, "did you mean 'generations'?"),
        ("trials: 12", "trials: 0", 2, "at least 1"),
    ] as [(String, String, Int, String)])
    func badSpecsArePositioned(original: String, broken: String, line: Int, message: String) throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        #expect(Self.front.contains(original))
        try workspace.write("bad.yaml", Self.front.replacingOccurrences(of: original, with: broken))
        let run = try workspace.run(["optimise", "bad.yaml", "--out", "x"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("bad.yaml:\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!workspace.exists("x") && !workspace.exists("x.in-progress"))
    }

    @Test func goalSeekBracketsTheAnswer() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["optimise", "--scenario", "small.yaml", "--seek", "policy.poc.slots", "--target",
                                     "fiscal_cost_total.mean >= 1", "--low", "0", "--high", "40", "--trials", "8", "--out", "seek"])
        if run.status == 0 {
            #expect(run.stdout.contains("answer 答案"))
            let rows = try workspace.lines("seek/seek.csv")
            #expect(rows[0] == "evaluation,policy.poc.slots,fiscal_cost_total.mean,ci_low,ci_high,meets_target")
            // Bisection over 0…40 in whole numbers: at most the two ends and three bisections of ⌈log₂ 40⌉ = 6 steps.
            #expect(rows.count - 1 <= 2 + 3 * 6)
        } else {
            // The small scenario may meet the target at 0 slots already: then the seek says so, exit 1.
            #expect(run.status == 1 && run.stderr.contains("lower bound"), "\(run.stderr)")
        }
        let missing = try workspace.run(["optimise", "--seek", "policy.poc.slotz", "--target", "converted_local.mean >= 1", "--out", "y"])
        #expect(missing.status == 65 && missing.stderr.contains("did you mean 'policy.poc.slots'?"))
    }

    @Test func discoverFindsTheBoxOfASweep() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", """
            scenario: small.yaml
            design: grid
            trials: 4
            seed: 5
            parameters:
              policy.income.inventor_share: {values: [0.5, 0.6, 0.7, 0.8]}
              policy.land.annual_quota_mu: {values: [0, 100, 200, 300, 400, 500]}
            """)
        let sweep = try workspace.run(["sweep", "s.yaml", "--out", "sw", "--threads", "1"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let run = try workspace.run(["discover", "sw", "--target", "disclosed.mean >= 1e9", "--out", "d", "--box", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        // Every point misses an impossible target: box 0, the whole sweep, has density 1.
        #expect(run.stdout.contains("24 of 24 points"))
        #expect(run.stdout.contains("restricts nothing") && run.stdout.contains("未限制任何参数"))
        let boxes = try workspace.lines("d/boxes.csv")
        #expect(boxes[0] == "box,phase,coverage,density,mass,rows,restricted,policy.income.inventor_share.low,policy.income.inventor_share.high,policy.land.annual_quota_mu.low,policy.land.annual_quota_mu.high")
        #expect(boxes[1] == "0,peel,1,1,1,24,,0.5,0.8,0,500")
        let none = try workspace.run(["discover", "sw", "--target", "disclosed.mean >= 0", "--out", "e"])
        #expect(none.status == 1 && none.stderr.contains("nothing to discover"))
        #expect(!workspace.exists("e"))
    }

    /// A scenario whose disclosures are drawn per trial: about 3 × the yearly rate over the three
    /// years (Poisson noise), so 'disclosed >= 150' fails where the draw is below about 50.
    static let uncertain = """
        name: "uncertain disclosures"
        region:
          time:
            horizon_years: 3
            intake_years: 3
          arrivals:
            annual_disclosures: {dist: uniform, low: 20, high: 100}
          firms:
            cash_median: {dist: uniform, low: 20, high: 80}

        """

    /// On a sweep that keeps its trials, discover works on every point's trials with the draws as
    /// dimensions and finds the drawn rate's limit: expected 50 a year (150 disclosures over three
    /// years), within 10 (the disclosures' Poisson noise at the edge, √150/3 ≈ 4 a year, plus the
    /// 5 % peels of an 80-wide range). On a run it does the same over the run's trials; --points
    /// goes back to the points, and a target that does not fit the rows is refused.
    @Test func discoverWorksOnTrialsWithTheirDraws() throws {
        let workspace = try Workspace()
        try workspace.write("u.yaml", Self.uncertain)
        try workspace.write("s.yaml", """
            scenario: u.yaml
            design: grid
            trials: 40
            seed: 4
            parameters:
              policy.land.annual_quota_mu: {values: [0, 300]}
            """)
        let sweep = try workspace.run(["sweep", "s.yaml", "--out", "sw", "--threads", "2"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let run = try workspace.run(["discover", "sw", "--target", "disclosed >= 150", "--out", "d"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" of 80 trials: the target disclosed >= 150 is missed"), "\(run.stdout)")
        let boxes = try workspace.lines("d/boxes.csv")
        #expect(boxes[0] == "box,phase,coverage,density,mass,rows,restricted,policy.land.annual_quota_mu.low,policy.land.annual_quota_mu.high,draw:region.arrivals.annual_disclosures.low,draw:region.arrivals.annual_disclosures.high,draw:region.firms.cash_median.low,draw:region.firms.cash_median.high")
        // The printed box names the drawn rate with an upper limit near 50.
        let words = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Box ") })
        let limit = try #require(words.range(of: "the drawn region.arrivals.annual_disclosures is at most "))
        let upper = try #require(Double(words[limit.upperBound...].prefix { "0123456789.".contains($0) }))
        #expect(abs(upper - 50) <= 10, "\(words)")
        // The same statement with a mean (a trial's mean is its value), and over the run's trials.
        let mean = try workspace.run(["discover", "sw", "--target", "disclosed.mean >= 150", "--out", "d2"])
        #expect(mean.status == 0 && mean.stdout == run.stdout.replacingOccurrences(of: "to d.", with: "to d2."), "\(mean.stderr)")
        #expect(try workspace.run(["run", "u.yaml", "--trials", "80", "--seed", "4", "--out", "r"]).status == 0)
        let onRun = try workspace.run(["discover", "r", "--target", "disclosed >= 150", "--out", "d3"])
        #expect(onRun.status == 0 && onRun.stdout.contains(" of 80 trials"), "\(onRun.stderr)")
        #expect(try workspace.lines("d3/boxes.csv")[0].hasSuffix(",restricted,draw:region.arrivals.annual_disclosures.low,draw:region.arrivals.annual_disclosures.high,draw:region.firms.cash_median.low,draw:region.firms.cash_median.high"))
        // --points: the two points of sweep.csv, dimensions the design's.
        let points = try workspace.run(["discover", "sw", "--points", "--target", "disclosed.mean >= 1e9", "--out", "d4"])
        #expect(points.status == 0 && points.stdout.contains("2 of 2 points"), "\(points.stderr)")
        for (arguments, message) in [
            (["sw", "--target", "disclosed.p05 >= 150"], "one row per trial"),
            (["sw", "--points", "--target", "disclosed >= 150"], "one row per point"),
            (["r", "--points", "--target", "disclosed.mean >= 150"], "a run's folder"),
        ] {
            let refused = try workspace.run(["discover"] + arguments + ["--out", "x"])
            #expect(refused.status == 64 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        #expect(!workspace.exists("x"))
    }
}
