// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// Where `run` and `compare` write their tables, and whether they check targets afterwards.
struct ResultsOptions: ParsableArguments {
    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "The output folder: created if new; an empty folder or an earlier TransferSim results folder there is replaced whole; anything else there is refused (exit 73).",
            valueName: "dir"))
    var out: String = "out"

    @Flag(help: "After writing, check the scenario's targets on the results (exit 1 if any fails).")
    var check = false
}
