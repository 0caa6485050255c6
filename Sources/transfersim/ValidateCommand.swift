// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TransferSimCore
import TransferSimIO

/// `transfersim validate`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: syntax, known keys, value ranges, distributions, cross-checks.",
        discussion: """
            For each valid file prints `FILE: ok (N parameters set, M variants)` on standard \
            output, where N counts the baseline settings the file makes (the rest keep the \
            model's defaults) and M its policy variants. For each invalid file prints every \
            problem on standard error, one per line, as `file:line:column: error: message`.

            Exit status: 0 when every file is valid; 66 when any file is missing or unreadable \
            (this wins over invalid files); else 65 when any file is invalid.
            """
    )

    @Argument(help: ArgumentHelp("Scenario files (YAML) to check.", valueName: "file"))
    var files: [String]

    func run() throws {
        var missing = false
        var invalid = false
        for file in files {
            do throws(ScenarioError) {
                let scenario = try ScenarioLoader.load(path: file)
                let settings = Self.count(scenario.settings.count, "parameter")
                let variants = Self.count(scenario.variants.count, "variant")
                print("\(file): ok (\(settings) set, \(variants))")
            } catch {
                Diagnostics.write(error)
                if error.category == .missingFile { missing = true } else { invalid = true }
            }
        }
        if missing { throw Diagnostics.missingInput }
        if invalid { throw Diagnostics.invalidInput }
    }

    /// "1 variant", "3 variants".
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
