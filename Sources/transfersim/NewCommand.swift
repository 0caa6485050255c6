// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimIO

/// `transfersim new`: a commented starter scenario for a new region, copied from a shipped preset.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented starter scenario for a new region from a shipped preset.",
        discussion: """
            Copies a preset compiled into the tool (the files of Scenarios/ in the source: \
            \(BundledScenarios.presets.map(\.name).joined(separator: ", "))) to FILE, with a \
            header saying where it came from and what to change first. Every value in it is \
            commented with its source or marked as an assumption: replace them with your \
            region's figures, then check the file with `transfersim validate FILE`.

            An existing FILE is never replaced unless --force is given (exit status 73 \
            otherwise).
            """
    )

    @Option(help: ArgumentHelp("The preset to start from (default, or a regional preset such as lanzhou).", valueName: "preset"))
    var from: String = BundledScenarios.defaultName

    @Option(help: ArgumentHelp("The new scenario's name (replaces the preset's `name:`).", valueName: "text"))
    var name: String?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @Argument(help: ArgumentHelp("The scenario file to write (YAML).", valueName: "file"))
    var file: String

    mutating func validate() throws {
        guard BundledScenarios.preset(named: from) != nil else {
            let known = BundledScenarios.presets.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown preset '\(from)' (known: \(known))")
        }
    }

    func run() throws {
        guard let preset = BundledScenarios.preset(named: from) else { throw ExitCode(64) }
        if !force && FileManager.default.fileExists(atPath: file) {
            Diagnostics.write("error: '\(file)' exists: not replacing it (give --force to replace it)")
            throw ExitCode(73)
        }
        let text = StarterScenario.text(from: preset, name: name)
        do throws(OutputError) {
            // Atomic, and never onto a folder, symbolic link, device or FIFO, even with --force.
            try AtomicFile.write(text, to: file)
        } catch {
            throw Diagnostics.report(error)
        }
        print("Wrote \(file) from the \(preset.name) preset (\(preset.file)). Edit it, then: transfersim validate \(file)")
    }
}
