// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimCore
import TransferSimIO

/// `transfersim validate`: checks scenario files, sweep files and sensitivity specs without
/// running them, each recognised by its top-level keys and checked against its own schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files, sweep files and sensitivity specs without running them.",
        discussion: """
            Each file's kind is recognised by its top-level keys: a scenario (name, region, \
            policy, variants, levers, targets), a sweep file (scenario and parameters, with design \
            or points) or a sensitivity spec (scenario, outputs, parameters, method). Each is \
            checked against its own schema (syntax, known keys, value ranges, distributions, \
            cross-checks); a sweep file's or sensitivity spec's scenario is checked too, with its \
            parameter paths and every design point's values.

            For each valid file prints one line on standard output: `FILE: ok (N parameters \
            set, M variants)` for a scenario, where N counts the baseline settings the file \
            makes (the rest keep the model's defaults) and M its policy variants; `FILE: ok \
            (sweep file: P points over K parameters, scenario S)`; `FILE: ok (sensitivity spec: \
            METHOD, K parameters, O outputs, E evaluations × T trials)`. For each invalid file \
            prints every problem on standard error, one per line, as `file:line:column: error: \
            message`; a file of no known kind is refused with the keys it has.

            Exit status: 0 when every file is valid; 66 when any file is missing or unreadable \
            (this wins over invalid files); else 65 when any file is invalid.
            """
    )

    @Argument(help: ArgumentHelp("Scenario files, sweep files or sensitivity specs (YAML) to check.", valueName: "file"))
    var files: [String]

    func run() throws {
        var missing = false
        var invalid = false
        for file in files {
            do throws(ScenarioError) {
                let outcome = try InputCheck.validate(path: file)
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
