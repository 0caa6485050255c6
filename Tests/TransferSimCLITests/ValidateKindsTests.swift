// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `transfersim validate` recognises scenarios, sweep files, sensitivity specs, calibration
/// observed files and search specs by their top-level keys and checks each with the reader of the
/// command that takes it, with file:line errors; a file of no known kind, or of keys of two kinds,
/// is refused naming the keys.
@Suite struct ValidateKindsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theShippedSweepAndSensitivityFilesAreRecognisedAndValid() throws {
        let workspace = try Workspace()
        let sweep = Self.root.appendingPathComponent("Scenarios/sweeps/inventor-share-and-land.yaml").path
        let sensitivity = Self.root.appendingPathComponent("Scenarios/sensitivity/default-levers.yaml").path
        let scenario = Self.root.appendingPathComponent("Scenarios/default.yaml").path
        let run = try workspace.run(["validate", sweep, sensitivity, scenario])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(Array(lines.prefix(2)) == [
            // 5 × 5 grid of inventor share and land quota (the file's `range: {steps: 5}`).
            "\(sweep): ok (sweep file: 25 points over 2 parameters, scenario \(Self.root.path)/Scenarios/sweeps/../default.yaml)",
            // Sobol with N = 256 and 8 parameters, first order: N × (k + 2) = 2,560 evaluations.
            "\(sensitivity): ok (sensitivity spec: sobol, 8 parameters, 2 outputs, 2,560 evaluations × 20 trials)",
        ])
        // Still read as a scenario (the count of its settings changes as the scenario does).
        #expect(lines.last?.hasPrefix("\(scenario): ok (scenario: ") == true && lines.last?.hasSuffix(" parameters set, 11 variants)") == true,
                "\(lines)")
    }

    @Test func aSweepFileIsCheckedAgainstTheSweepSchemaWithLines() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("sweep.yaml", """
            scenario: small.yaml
            design: grid
            trails: 4
            parameters:
              policy.income.inventor_share: {values: [0.5, 1.5]}
            """)
        let run = try workspace.run(["validate", "sweep.yaml"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("sweep.yaml:3:1: error: unknown key 'trails'"), "\(run.stderr)")
        // Not read as a scenario: no complaint about 'scenario' or 'design' being unknown keys.
        #expect(!run.stderr.contains("at the top level (a scenario takes"), "\(run.stderr)")

        try workspace.write("sweep.yaml", """
            scenario: small.yaml
            design: grid
            parameters:
              policy.income.inventor_share: {values: [0.5, 1.5]}
            """)
        let outOfRange = try workspace.run(["validate", "sweep.yaml"])
        #expect(outOfRange.status == 65)
        #expect(outOfRange.stderr.contains("1.5"), "a point's value outside the parameter's range: \(outOfRange.stderr)")
    }

    @Test func aSensitivitySpecIsCheckedAgainstItsSchemaWithLines() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("sens.yaml", """
            scenario: small.yaml
            method: oat
            outputs: [converted_local, nope]
            parameters:
              policy.income.inventor_shar: {range: {low: 0.5, high: 0.9}}
            """)
        let run = try workspace.run(["validate", "sens.yaml"])
        #expect(run.status == 65)
        #expect(run.stderr == """
            sens.yaml:3:28: error: unknown output 'nope'
            sens.yaml:5:3: error: unknown parameter 'policy.income.inventor_shar'; did you mean 'policy.income.inventor_share'?

            """, "\(run.stderr)")
        try workspace.write("sens.yaml", """
            scenario: small.yaml
            method: oat
            trials: 4
            outputs: [converted_local]
            parameters:
              policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
            """)
        let valid = try workspace.run(["validate", "sens.yaml"])
        #expect(valid.status == 0, "\(valid.stderr)")
        // One-at-a-time: the centre and both ends of one parameter.
        #expect(valid.stdout == "sens.yaml: ok (sensitivity spec: oat, 1 parameter, 1 output, 3 evaluations × 4 trials)\n")
    }

    /// Every shipped example of every kind, found by listing the folders (so a new example is
    /// covered), validates and is reported as its folder's kind; observed files each with the
    /// preset they calibrate (`make calibrate-presets`), and once with the bundled default.
    @Test func everyShippedExampleOfEveryKindValidatesAndNamesItsKind() throws {
        let workspace = try Workspace()
        let scenarios = Self.root.appendingPathComponent("Scenarios")
        let kinds = [("", "scenario"), ("levers", "scenario"), ("calibrated", "scenario"), ("sweeps", "sweep file"),
                     ("sensitivity", "sensitivity spec"), ("search", "search spec"), ("calibration", "observed file")]
        var seen: [String: Int] = [:]
        for (folder, kind) in kinds {
            let directory = scenarios.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
            #expect(!files.isEmpty, "\(folder)")
            for name in files {
                let path = directory.appendingPathComponent(name).path
                var arguments = ["validate", path]
                if kind == "observed file" {
                    let preset = String(name.dropLast(".observed.yaml".count))
                    arguments += ["--scenario", scenarios.appendingPathComponent("\(preset).yaml").path]
                }
                let run = try workspace.run(arguments)
                #expect(run.status == 0, "\(name): \(run.stderr)")
                #expect(run.stdout.hasPrefix("\(path): ok (\(kind): "), "\(run.stdout)")
                seen[kind, default: 0] += 1
            }
        }
        #expect(seen.keys.count == 5 && seen["observed file"] == 3 && seen["search spec"] == 2, "\(seen)")

        // Exactly, for one of each new kind. Lanzhou's observed file states 3 figures and 3 priors;
        // lanzhou.yaml gives annual_disclosures as a distribution: 4 parameters to fit.
        let lanzhou = scenarios.appendingPathComponent("lanzhou.yaml").path
        let observed = scenarios.appendingPathComponent("calibration/lanzhou.observed.yaml").path
        let withScenario = try workspace.run(["validate", observed, "--scenario", lanzhou])
        #expect(withScenario.stdout == "\(observed): ok (observed file: 3 figures, 4 parameters to fit, checked with scenario \(lanzhou))\n")
        // Without --scenario, as `calibrate` without one: the bundled default, and the message says so.
        let withDefault = try workspace.run(["validate", observed])
        #expect(withDefault.status == 0, "\(withDefault.stderr)")
        #expect(withDefault.stdout == "\(observed): ok (observed file: 3 figures, 4 parameters to fit, checked with the bundled default scenario; --scenario FILE checks it against the scenario you calibrate)\n")
        // cheapest-robust.yaml: four levers, one objective (Nelder–Mead), one chance constraint, 200 + 200 trials.
        let search = scenarios.appendingPathComponent("search/cheapest-robust.yaml").path
        let spec = try workspace.run(["validate", search])
        #expect(spec.stdout == "\(search): ok (search spec: nelder_mead, 4 levers, 1 objective, 1 constraint, 200 trials + 200 fresh, scenario \(scenarios.path)/search/../default.yaml)\n")
    }

    /// A bad observed file: each problem at its line, exit 65, the same messages as `calibrate`;
    /// its years are checked against the horizon of the --scenario given (3 years here), so the
    /// same file passes against the bundled default (10 years).
    @Test func aBadObservedFileFailsAtItsLinesAsCalibrateSays() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("obs.yaml", """
            description: test figures
            figures:
              - name: disclosed
                metric: disclosd
                value: 240
                uncertainty: 20
                source: test
              - name: contracts_late
                yearly: contracts
                years: [5, 5]
                value: 12
                uncertanty: 4
                source: test
            """)
        let run = try workspace.run(["validate", "obs.yaml", "--scenario", "small.yaml"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            obs.yaml:4:13: error: unknown metric 'disclosd'; did you mean 'disclosed'? (see docs/calibration.md for the quantities)
            obs.yaml:8:5: error: figure 'contracts_late' needs its uncertainty (a standard error or tolerance in the figure's units, > 0)
            obs.yaml:10:12: error: figure 'contracts_late': the window years 5…5 reaches past the scenario's horizon of 3 years
            obs.yaml:12:5: error: unknown key 'uncertanty' in a figure (it takes name, label, metric, per, yearly, funnel, column, years, statistic, value, uncertainty, source); did you mean 'uncertainty'?

            """, "\(run.stderr)")
        let calibrate = try workspace.run(["calibrate", "small.yaml", "--observed", "obs.yaml", "--particles", "4", "--out", "c"])
        #expect(calibrate.status == 65)
        #expect(calibrate.stderr == run.stderr)
        #expect(!workspace.exists("c"))

        try workspace.write("obs.yaml", """
            figures:
              - name: contracts_late
                yearly: contracts
                years: [5, 5]
                value: 12
                uncertainty: 4
                source: test
            priors:
              region:
                arrivals:
                  annual_disclosures: {dist: uniform, low: 20, high: 150}
            """)
        let short = try workspace.run(["validate", "obs.yaml", "--scenario", "small.yaml"])
        #expect(short.status == 65)
        #expect(short.stderr == "obs.yaml:4:12: error: figure 'contracts_late': the window years 5…5 reaches past the scenario's horizon of 3 years\n")
        let long = try workspace.run(["validate", "obs.yaml"])
        #expect(long.status == 0, "\(long.stderr)")
        #expect(long.stdout.hasPrefix("obs.yaml: ok (observed file: 1 figure, "))
        // A missing --scenario file is a missing input (66), as for calibrate.
        let missing = try workspace.run(["validate", "obs.yaml", "--scenario", "nope.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("cannot read 'nope.yaml': no such file"))
    }

    /// A bad search spec: each problem at its line (and column), exit 65, the same messages as
    /// `optimise`; not read as a sweep file although it has scenario, trials and seed.
    @Test func aBadSearchSpecFailsAtItsLinesAsOptimiseSays() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("spec.yaml", """
            scenario: small.yaml
            trials: 4
            seed: 7
            levers:
              policy.land.annual_quota_mu: {low: 0, high: 600}
              policy.poc.slotz: {low: 0, high: 60}
            objectives:
              - minimise: fiscal_cost_total.mean
            constraints:
              - P(converted_local >= 250) >= 1.8
            search: {evaluations: 30, restart: 1}
            """)
        let run = try workspace.run(["validate", "spec.yaml"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            spec.yaml:6:3: error: unknown parameter 'policy.poc.slotz'; did you mean 'policy.poc.slots'?
            spec.yaml:10:5: error: write a probability constraint as P(converted_local >= 250) >= p with p in (0, 1]
            spec.yaml:11:27: error: unknown key 'restart' in search (it takes evaluations, restarts, tolerance, population, generations, seed); did you mean 'restarts'?

            """, "\(run.stderr)")
        let optimise = try workspace.run(["optimise", "spec.yaml", "--out", "o"])
        #expect(optimise.status == 65)
        #expect(optimise.stderr == run.stderr)
        #expect(!workspace.exists("o"))

        // Valid, but its policy is not one of the scenario's: checked as optimise reads it.
        try workspace.write("spec.yaml", """
            scenario: small.yaml
            policy: generus
            trials: 4
            levers:
              policy.land.annual_quota_mu: {low: 0, high: 600}
            objectives:
              - minimise: fiscal_cost_total.mean
            """)
        let policy = try workspace.run(["validate", "spec.yaml"])
        #expect(policy.status == 65)
        #expect(policy.stderr.contains("'generus'") && policy.stderr.contains("did you mean 'generous'?"), "\(policy.stderr)")
        try workspace.write("spec.yaml", """
            scenario: small.yaml
            policy: generous
            trials: 4
            levers:
              policy.land.annual_quota_mu: {low: 0, high: 600}
            objectives:
              - minimise: fiscal_cost_total.mean
            """)
        let valid = try workspace.run(["validate", "spec.yaml"])
        #expect(valid.status == 0, "\(valid.stderr)")
        // fresh_trials not given: its default, 200.
        #expect(valid.stdout == "spec.yaml: ok (search spec: nelder_mead, 1 lever, 1 objective, 0 constraints, 4 trials + 200 fresh, scenario small.yaml)\n")
    }

    /// Keys only an observed file takes beside keys only a search spec takes: refused, naming which
    /// key belongs to which kind, and what identifies each kind.
    @Test func aFileWithKeysOfTwoKindsIsRefusedAsAmbiguous() throws {
        let workspace = try Workspace()
        try workspace.write("both.yaml", "figures: []\nobjectives:\n  - minimise: fiscal_cost_total.mean\n")
        try workspace.write("sweepish.yaml", "scenario: small.yaml\ndesign: grid\noutputs: [converted_local]\nparameters: {}\n")
        let run = try workspace.run(["validate", "both.yaml", "sweepish.yaml"])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let shapes = "a scenario has name, region, policy, variants (and no 'scenario' key); a sweep file has scenario and parameters (with design or points); a sensitivity spec has scenario, outputs, parameters and method; an observed file (calibrate --observed) has figures (and description, priors); a search spec (optimise) has levers and objectives (and constraints, search, fresh_trials)"
        #expect(lines.first == "both.yaml:1:1: error: cannot tell what kind of file this is: it has keys of different kinds, 'figures' (observed file) and 'objectives' (search spec): " + shapes)
        #expect(lines.last == "sweepish.yaml:1:1: error: cannot tell what kind of file this is: it has keys of different kinds, 'outputs' (sensitivity spec) and 'design' (sweep file): " + shapes)
    }

    @Test func aFileOfNoKnownKindIsRefusedNamingItsKeys() throws {
        let workspace = try Workspace()
        try workspace.write("compose.yaml", "services:\n  web: {image: nginx}\nversion: '3'\n")
        try workspace.write("list.yaml", "- a\n- b\n")
        let run = try workspace.run(["validate", "compose.yaml", "list.yaml"])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("compose.yaml:1:1: error: cannot tell what kind of file this is from its top-level keys (services, version): a scenario has") == true, "\(run.stderr)")
        #expect(lines.last?.hasPrefix("list.yaml:1:1: error: cannot tell what kind of file this is: its top level is not a mapping") == true, "\(run.stderr)")
    }
}
