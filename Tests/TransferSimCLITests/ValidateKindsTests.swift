// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `transfersim validate` recognises scenarios, sweep files and sensitivity specs by their
/// top-level keys and checks each against its own schema, with file:line errors; a file of no
/// known kind is refused naming its keys.
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
        #expect(lines.last?.hasPrefix("\(scenario): ok (") == true && lines.last?.hasSuffix(" parameters set, 11 variants)") == true,
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
