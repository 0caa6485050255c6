// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimIO

/// `transfersim schema`: the JSON Schema of the scenario format, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the scenario file format.",
        discussion: """
            The schema is generated from the parameter catalogue: every key with its type, range, \
            choices, default, meaning and source; the distribution forms; fields of research; \
            variants. The repository ships it as Scenarios/scenario.schema.json (`make docs` \
            regenerates it). Attach it in an editor that validates YAML by schema \
            (yaml-language-server: VS Code's YAML extension, Neovim, Helix…) with a first line \
            such as

              # yaml-language-server: $schema=scenario.schema.json

            (a path relative to the scenario file, or a URL). The schema cannot express a few \
            checks that `transfersim validate` makes: a distribution's support inside the \
            parameter's range, and rules across parameters (income shares at most 1 in total, \
            exit buckets summing to 1, intake years within the horizon). There is no sweep \
            file format yet, so the schema covers scenarios only.
            """
    )

    func run() throws {
        print(ScenarioSchema.text(), terminator: "")
    }
}
