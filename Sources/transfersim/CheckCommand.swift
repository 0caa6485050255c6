// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim check`: asserts targets on a saved results folder, for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check targets on saved results; exit 1 naming each failed target and its value.",
        discussion: """
            A target is `[policy/]metric.statistic OP number`, e.g. \
            `local_conversion_share.mean >= 0.02` (a summary.csv column) or \
            `land_release/converted_local.diff > 0` (a compare.csv row). On a sweep folder \
            (sweep.csv), a target must hold at every point. The targets checked are \
            those of the scenario (recorded in the folder's manifest.json by run and compare) \
            and every --expect. The folder is first checked against its manifest.json: every \
            file it lists present with its recorded size and SHA-256, no table it does not \
            list. Exit status: 0 when all pass, 1 when any fails, 66 when the folder is \
            missing, 65 when it is incomplete, altered or not a results folder (naming the \
            file), 64 for a malformed --expect.
            """
    )

    @Argument(help: ArgumentHelp("A folder written by run, compare, sweep or merge.", valueName: "results-dir"))
    var folder: String

    @Option(name: .customLong("expect"),
            help: ArgumentHelp("A further target, e.g. 'converted_local.mean >= 100' (repeatable).", valueName: "expr"))
    var expectations: [String] = []

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func validate() throws {
        for text in expectations { _ = try TargetOptions.parse(text) }
    }

    func run() throws {
        try TargetOptions.check(folder: folder, extra: expectations.map { try TargetOptions.parse($0) }, json: json)
    }
}

/// Targets on the command line, and the check shared by `check`, `run --check` and `compare --check`.
enum TargetOptions {
    /// Reads an `--expect` target; a malformed one is a usage error (64).
    static func parse(_ text: String) throws -> Target {
        do {
            return try Target.parse(text)
        } catch {
            throw ValidationError("--expect '\(text)': \(error.message)")
        }
    }

    /// The outcome of the folder's recorded targets and `extra`, once the folder is verified
    /// against its manifest (a refused folder exits 65 or 66, naming the file).
    static func outcomes(folder: String, extra: [Target]) throws -> [ResultsCheck.Outcome] {
        let manifest: Manifest
        do throws(Manifest.FolderProblem) {
            manifest = try Manifest.verifiedFolder(folder, kinds: ["run", "compare", "sweep", "merge"])
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        var values: [String: Double] = [:]
        let isSweep = manifest.command == "sweep" || manifest.command == "merge"
        let sweepTable = isSweep ? FileManager.default.contents(atPath: folder + "/" + SweepTable.fileName) : nil
        if !isSweep {
            do throws(ResultsCheck.FolderError) {
                values = try ResultsCheck.values(inFolder: folder)
            } catch {
                Diagnostics.write("error: \(error)")
                throw Diagnostics.missingInput
            }
        }
        var targets: [Target] = []
        for text in manifest.targets ?? [] {
            if let target = try? Target.parse(text) { targets.append(target) }
        }
        targets += extra
        return sweepTable.map { SweepCheck.evaluate(targets, sweepCSV: String(decoding: $0, as: UTF8.self)) }
            ?? ResultsCheck.evaluate(targets, on: values)
    }

    /// `check --json`, and the `check` member of `run --json --check` and `compare --json --check`.
    struct Report: Encodable {
        let passed: Bool
        let targets: [ResultsCheck.Outcome]

        init(_ outcomes: [ResultsCheck.Outcome]) {
            passed = outcomes.allSatisfy(\.passed)
            targets = outcomes
        }
    }

    /// Prints each outcome and the count met on standard output.
    static func printOutcomes(_ outcomes: [ResultsCheck.Outcome]) {
        for outcome in outcomes { print(outcome.message) }
        let failed = outcomes.filter { !$0.passed }.count
        print(outcomes.isEmpty ? "No targets to check." : "\(outcomes.count - failed) of \(outcomes.count) targets met.")
    }

    /// Checks the folder's recorded targets and `extra`; prints each outcome (or JSON) on standard
    /// output, and throws exit code 1 when any fails.
    static func check(folder: String, extra: [Target], json: Bool) throws {
        let outcomes = try outcomes(folder: folder, extra: extra)
        if json {
            print(try JSONOutput.string(Report(outcomes)), terminator: "")
        } else {
            printOutcomes(outcomes)
        }
        if !outcomes.allSatisfy(\.passed) { throw ExitCode.failure }
    }
}
