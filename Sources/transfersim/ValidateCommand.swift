// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimCore
import TransferSimIO

/// `transfersim validate`: checks scenario files, sweep files, sensitivity specs, calibration
/// observed files and search specs without running them, each recognised by its top-level keys and
/// checked by the reader of the command that takes it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenarios, sweep files, sensitivity specs, observed files and search specs without running them.",
        discussion: """
            Each file's kind is recognised by its top-level keys: a scenario (name, region, \
            policy, variants, levers, targets), a sweep file (scenario and parameters, with design \
            or points), a sensitivity spec (scenario, outputs, parameters, method), an observed \
            file for `calibrate --observed` (figures, and description, priors) or a search spec \
            for `optimise` (levers, objectives, and constraints, search, fresh_trials). A file \
            with keys that only different kinds take (figures and objectives, say) is refused as \
            ambiguous; a file of no known kind is refused with the keys it has. Either message \
            lists the keys that identify each kind.

            Each is checked by the reader of the command that takes it (syntax, known keys, \
            value ranges, distributions, cross-checks), with the same messages: a sweep file's \
            or sensitivity spec's scenario is checked too, with its parameter paths and every \
            design point's values; a search spec's scenario and base policy, as `optimise` reads \
            them before its first candidate. An observed file's figures (their years within the \
            horizon) and priors depend on the scenario calibrated, so it is checked as \
            `calibrate --observed FILE` reads it for --scenario FILE under the baseline policy, \
            or for the bundled default scenario without --scenario (as `calibrate` without a \
            scenario); the message says which. --scenario applies to observed files only.

            For each valid file prints one line on standard output that names its kind: `FILE: \
            ok (scenario: N parameters set, M variants)`, where N counts the baseline settings \
            the file makes (the rest keep the model's defaults) and M its policy variants; `FILE: \
            ok (sweep file: P points over K parameters, scenario S)`; `FILE: ok (sensitivity \
            spec: METHOD, K parameters, O outputs, E evaluations × T trials)`; `FILE: ok \
            (observed file: F figures, K parameters to fit, checked with scenario S)`; `FILE: ok \
            (search spec: METHOD, L levers, O objectives, C constraints, T trials + R fresh, \
            scenario S)`. For each invalid file prints every problem on standard error, one per \
            line, as `file:line:column: error: message`.

            Exit status: 0 when every file is valid; 66 when any file (or the --scenario file) \
            is missing or unreadable (this wins over invalid files); else 65 when any file is \
            invalid.

            Examples:
              transfersim validate Scenarios/*.yaml Scenarios/sweeps/*.yaml Scenarios/search/*.yaml
              transfersim validate Scenarios/calibration/lanzhou.observed.yaml --scenario Scenarios/lanzhou.yaml
            """
    )

    @Argument(help: ArgumentHelp("Scenarios, sweep files, sensitivity specs, observed files or search specs (YAML) to check.",
                                 valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp(
        "The scenario an observed file is checked for, as `calibrate SCENARIO --observed FILE` (default: the bundled default scenario). Used for observed files only.",
        valueName: "file"))
    var scenario: String?

    func run() throws {
        var missing = false
        var invalid = false
        for file in files {
            do throws(ScenarioError) {
                let outcome = try InputCheck.validate(path: file, scenario: scenario)
                print("\(file): \(outcome.summary)")
            } catch {
                Diagnostics.write(error)
                if error.category == .missingFile { missing = true } else { invalid = true }
            }
        }
        if missing { throw Diagnostics.missingInput }
        if invalid { throw Diagnostics.invalidInput }
    }
}
