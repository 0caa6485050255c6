// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimCore
import TransferSimIO

/// `transfersim params`: the fully resolved parameter set of a scenario and policy.
struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "Print every model parameter with its resolved value, unit and origin.",
        discussion: """
            Lists every parameter of the model in catalogue order: its dotted path, its value as \
            a scenario file would write it (a number, a name, true/false, or a distribution such \
            as `triangular(low 600, mode 800, high 1000)`), its unit, and its origin: `default` \
            for the model's built-in default, else the `file:line:column` where the scenario \
            sets it. With --markdown, prints a Markdown document with the meaning of each \
            parameter and the source of its default as well. With --reference, prints the \
            parameter reference instead (docs/parameters.md): every parameter's meaning, unit, \
            allowed values, default and source, without a scenario's values (given a scenario, \
            its added fields of research and funds are included). With --lang zh, the table \
            shows each parameter's Chinese label beside its dotted path (the key a scenario \
            writes), with Chinese headers and units.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The scenario file (YAML). Without it, the bundled default scenario (Scenarios/default.yaml).",
            valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("The policy set: 'baseline' or one of the scenario's variants.", valueName: "name"))
    var policy: String = "baseline"

    @Flag(help: "Print a Markdown table with each parameter's meaning and source too.")
    var markdown = false

    @Flag(help: "Print the parameter reference (docs/parameters.md): meaning, unit, allowed values, default, source.")
    var reference = false

    @Option(help: ArgumentHelp("Language of the table: en, or zh for each parameter's Chinese label beside its path, Chinese units and headers.", valueName: "lang"))
    var lang: String = "en"

    mutating func validate() throws {
        if reference && markdown { throw ValidationError("--reference and --markdown cannot be combined") }
        if reference && policy != "baseline" { throw ValidationError("--reference lists defaults: it takes no --policy") }
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be en or zh, not '\(lang)'") }
        if lang == "zh" && (reference || markdown) {
            throw ValidationError("--lang zh applies to the table; --reference and --markdown carry the Chinese labels already")
        }
    }

    func run() throws {
        if reference && self.scenario == nil {
            print(ParameterReference.markdown(), terminator: "")
            return
        }
        let scenario: Scenario
        let resolved: ResolvedParameters
        do throws(ScenarioError) {
            scenario = try ScenarioSource(path: self.scenario).load().scenario
            resolved = try scenario.resolve(policy: policy)
        } catch {
            throw Diagnostics.report(error)
        }
        if reference {
            print(ParameterReference.markdown(scenario.catalogue), terminator: "")
        } else if markdown {
            print(ParameterListing.markdown(resolved, scenarioName: scenario.name), terminator: "")
        } else if lang == "zh" {
            print(ParameterListing.chineseText(resolved), terminator: "")
        } else {
            print(ParameterListing.text(resolved), terminator: "")
        }
    }
}
