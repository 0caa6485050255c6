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
            for name in policies(loaded.scenario) { resolved.append(try loaded.scenario.resolve(policy: name)) }
            return (loaded.scenario, loaded.sha256, resolved)
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// An output folder at `path`, checked writable before any work is done (nothing is created).
    static func writableFolder(_ path: String) throws -> OutputFolder {
        let folder = OutputFolder(path: path)
        do throws(OutputError) {
            try folder.checkWritable()
        } catch {
            throw Diagnostics.report(error)
        }
        return folder
    }
}
