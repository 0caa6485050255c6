// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimIO

/// `transfersim`: the command-line front end. The subcommands live in their own files; the model,
/// engine and file formats live in TransferSimCore and TransferSimIO.
@main
struct TransferSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfersim",
        abstract: "Monte Carlo simulation of technology-transfer policy (科技成果转化政策模拟).",
        discussion: """
            TransferSim simulates how research results from a city's universities and institutes \
            become products: disclosure, approval, matching with firms, proof of concept, pilot, \
            licensing or transfer deals, spin-off ventures, financing and land. Each Monte Carlo \
            trial is one possible history of the region over the scenario's horizon; uncertain \
            parameters are drawn once per trial. Policy levers (income shares, proof-of-concept \
            and pilot funds, subsidies, seed funds, land quotas) are set in a scenario file, and \
            named variants of a scenario can be compared on the same random draws.

            A scenario is a YAML file (see Scenarios/ in the source); without one, `run` and \
            `params` use the bundled default scenario. Money is in 万元 (CNY 10,000), land in 亩, \
            time in months unless a name says years.

            Exit codes: 0 success, 64 usage error, 65 invalid scenario, 66 missing input file, \
            73 cannot create the output folder, 74 cannot write an output file, 1 other errors.
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, CompareCommand.self, LeversCommand.self, SweepCommand.self, MergeCommand.self, SensitivityCommand.self, CalibrateCommand.self, CheckCommand.self,
            OptimiseCommand.self, DiscoverCommand.self,
            ValidateCommand.self, ParamsCommand.self, SchemaCommand.self, NewCommand.self,
            ReportCommand.self, PlotCommand.self, ExportCommand.self,
        ]
    )
}
