// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import TransferSimIO

/// Set-up shared by the commands that simulate: errors are reported and become exit codes.
enum CommandSupport {
    /// Loads the scenario at `source` (the bundled default when it has no file) and resolves the
    /// policy sets `policies` names for it.
    static func load(_ source: ScenarioSource, policies: (Scenario) -> [String])
        throws -> (scenario: Scenario, sha256: String, resolved: [ResolvedParameters]) {
        do throws(ScenarioError) {
            let loaded = try source.load()
            var resolved: [ResolvedParameters] = []
            for name in policies(loaded.scenario) { resolved.append(try loaded.scenario.resolveCombined(policy: name)) }
            return (loaded.scenario, loaded.sha256, resolved)
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// The output folder of `command` at `path`, checked before any work is done (nothing is
    /// created): not empty, not one of `inputs`, and new, empty or an earlier results folder
    /// (which `commit()` replaces whole). Exits 64 or 73 otherwise.
    static func writableFolder(_ path: String, command: String, inputs: [String] = []) throws -> OutputFolder {
        let folder = OutputFolder(path: path, command: command)
        do throws(OutputError) {
            try folder.checkWritable(inputs: inputs)
        } catch {
            throw Diagnostics.report(error)
        }
        return folder
    }
}
