// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `transfersim calibrate` end to end on the small scenario (3 years, about 60 results a year).
@Suite struct CalibrateCommandTests {
    /// Two priors and two figures the small scenario can reproduce.
    static let observed = """
        description: test figures
        figures:
          - name: disclosed
            metric: disclosed
            value: 240
            uncertainty: 20
            source: test
          - name: contracts_year3
            yearly: contracts
            years: [3, 3]
            value: 12
            uncertainty: 4
            source: test
        priors:
          region:
            arrivals:
              annual_disclosures: {dist: uniform, low: 20, high: 150}
            matching:
              base_hazard: {dist: uniform, low: 0.01, high: 0.2}
        """

    static let arguments = ["calibrate", "small.yaml", "--observed", "obs.yaml", "--particles", "16", "--generations", "3"]

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("obs.yaml", observed)
        return workspace
    }

    @Test func posteriorIsByteIdenticalForOneAndTwoThreads() throws {
        let workspace = try Self.workspace()
        let one = try workspace.run(Self.arguments + ["--out", "one", "--threads", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try workspace.run(Self.arguments + ["--out", "two", "--threads", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        for file in ["posterior.csv", "prior.csv", "calibration.csv", "predictive.csv", "generations.csv", "calibrated.yaml"] {
            #expect(try workspace.data("one/" + file) == workspace.data("two/" + file), "\(file) differs")
        }
        #expect(workspace.entries("one") == ["calibrated.yaml", "calibration.csv", "generations.csv", "manifest.json",
                                             "posterior.csv", "predictive.csv", "prior.csv"])
        #expect(!workspace.exists("one.in-progress"))
        // A progress line per generation, with tolerance, acceptance rate and ESS.
        let progress = one.stderr.split(separator: "\n").filter { $0.hasPrefix("generation ") }
        #expect(progress.count == 3)
        #expect(progress.allSatisfy { $0.contains("tolerance") && $0.contains("acceptance") && $0.contains("ESS") })
        // The posterior has one row per particle with weights summing to 1.
        let rows = try workspace.lines("one/posterior.csv").dropFirst()
        #expect(rows.count == 16)
        let weights = rows.map { Double($0.split(separator: ",")[1]) ?? .nan }
        #expect(abs(weights.reduce(0, +) - 1) < 1e-9)
        // prior.csv: generation 0's 16 prior draws, equal weights, inside the uniform priors.
        let prior = try workspace.lines("one/prior.csv")
        #expect(prior.first == "particle,weight,region.arrivals.annual_disclosures,region.matching.base_hazard,distance")
        let draws = prior.dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
        #expect(draws.count == 16 && draws.allSatisfy { $0[1] == 1.0 / 16 && (20...150).contains($0[2]) && (0.01...0.2).contains($0[3]) })
        #expect(try workspace.lines("one/generations.csv").first == "generation,tolerance,particles,simulations,acceptance_rate,ess,complete")
        // report reads the folder: the calibration section with a chart per parameter and the predictive chart.
        let report = try workspace.run(["report", "one", "--out", "one.html"])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try workspace.text("one.html")
        #expect(html.contains("<h2>Calibration</h2>") && html.components(separatedBy: "<svg").count - 1 == 3)
        // The calibrated scenario runs, drawing its fitted parameters from the posterior.
        let run = try workspace.run(["run", "one/calibrated.yaml", "--trials", "8", "--out", "cal-run"])
        #expect(run.status == 0, "\(run.stderr)")
        let params = try workspace.run(["params", "one/calibrated.yaml"])
        #expect(params.stdout.contains("sample of 16 values"))
    }

    @Test(arguments: [SIGKILL])
    func killedCalibrationResumesToTheSameBytes(signal: Int32) throws {
        let workspace = try Self.workspace()
        let whole = try workspace.run(Self.arguments + ["--out", "whole", "--threads", "1"])
        #expect(whole.status == 0, "\(whole.stderr)")
        // Kill it in the middle of generation 1, once a few of its particles are journaled.
        try workspace.interrupt(Self.arguments + ["--out", "cut", "--threads", "1"],
                                watching: "cut.in-progress/generation-01/sweep.journal.csv", lines: 1 + 4, signal: signal)
        #expect(!workspace.exists("cut"), "the calibration finished before it could be killed")
        let journaled = try workspace.lines("cut.in-progress/generation-01/sweep.journal.csv").count - 1
        #expect(journaled >= 4 && journaled < 16)
        let resumed = try workspace.run(Self.arguments + ["--out", "cut", "--threads", "2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("generation 0") && resumed.stderr.contains("(from the journal)"))
        for file in ["posterior.csv", "calibration.csv", "predictive.csv", "generations.csv"] {
            #expect(try workspace.data("cut/" + file) == workspace.data("whole/" + file), "\(file) differs")
        }
        #expect(!workspace.exists("cut.in-progress"))
    }

    /// Each bad observed file: exit 65, a file:line error naming the problem, nothing written.
    @Test(arguments: [
        ("metric: disclosd", "obs.yaml:4:", "unknown metric 'disclosd'; did you mean 'disclosed'?"),
        ("yearly: contracts\n    years: [2, 5]", "obs.yaml:5:12:", "reaches past the scenario's horizon of 3 years"),
        ("metric: disclosed\n    uncertainty: -3", "obs.yaml:", "uncertainty must be positive"),
    ])
    func badObservedFilesAreRefused(quantity: String, position: String, message: String) throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        var text = "figures:\n  - name: x\n    value: 10\n    \(quantity)\n    source: test\n"
        if !quantity.contains("uncertainty") { text += "    uncertainty: 2\n" }
        text += "priors:\n  region:\n    arrivals:\n      annual_disclosures: {dist: uniform, low: 20, high: 150}\n"
        try workspace.write("obs.yaml", text)
        let run = try workspace.run(["calibrate", "small.yaml", "--observed", "obs.yaml", "--out", "x"])
        #expect(run.status == 65)
        #expect(run.stderr.contains(position) && run.stderr.contains(message), "\(run.stderr)")
        #expect(!workspace.exists("x") && !workspace.exists("x.in-progress"))
    }

    @Test func aScenarioWithNothingUncertainIsRefused() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("obs.yaml", "figures:\n  - name: d\n    metric: disclosed\n    value: 180\n    uncertainty: 20\n    source: test\n")
        let run = try workspace.run(["calibrate", "small.yaml", "--observed", "obs.yaml", "--out", "x"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("obs.yaml:1:1: error: no uncertain parameters to calibrate"), "\(run.stderr)")
        #expect(!workspace.exists("x") && !workspace.exists("x.in-progress"))
    }
}
