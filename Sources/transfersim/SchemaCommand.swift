// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimIO

/// `transfersim schema`: the JSON Schema of a file format, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the scenario, sweep, sensitivity or optimise file format.",
        discussion: """
            The schemas are generated from the code. The scenario schema (the default) gives every \
            key with its type, range, choices, default, meaning and source; the distribution forms; \
            fields of research; variants. The sweep schema (--format sweep) gives the sweep file's \
            keys, designs, every parameter path with its limits, the value forms and the target \
            syntax; the sensitivity schema (--format sensitivity) the spec's keys, methods, \
            outputs and settings, with the sweep's parameter forms; the optimise schema (--format optimise) \
            the optimisation spec's levers, objectives, constraints and search settings. The repository ships them as \
            Scenarios/scenario.schema.json, Scenarios/sweeps/sweep.schema.json and \
            Scenarios/sensitivity/sensitivity.schema.json, Scenarios/search/optimise.schema.json and \
            Scenarios/calibration/observed.schema.json (`make docs` regenerates them). Attach one in an \
            editor that validates YAML by schema (yaml-language-server: VS Code's YAML extension, \
            Neovim, Helix…) with a first line such as

              # yaml-language-server: $schema=scenario.schema.json

            (a path relative to the file, or a URL). A schema cannot express a few checks that \
            `transfersim validate` and `transfersim sweep` make: a distribution's support inside \
            the parameter's range, rules across parameters (income shares at most 1 in total, exit \
            buckets summing to 1, intake years within the horizon), a range's low below its high, \
            a CSV design's columns, and sobol.n a power of two.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case scenario, sweep, sensitivity, optimise, observed
    }

    @Option(help: "The file format: scenario, sweep, sensitivity, optimise or observed (calibrate's observed figures).")
    var format: Format = .scenario

    func run() throws {
        switch format {
        case .scenario: print(ScenarioSchema.text(), terminator: "")
        case .sweep: print(SweepSchema.text(), terminator: "")
        case .sensitivity: print(SensitivitySchema.text(), terminator: "")
        case .optimise: print(OptimiseSchema.text(), terminator: "")
        case .observed: print(ObservedSchema.text(), terminator: "")
        }
    }
}
