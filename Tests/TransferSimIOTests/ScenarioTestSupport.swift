// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The messages (`file:line:column: error: …`) that parsing `yaml` as `s.yaml` reports; empty when
/// it parses.
func scenarioErrors(_ yaml: String) -> [String] {
    do {
        _ = try ScenarioLoader.parse(yaml: yaml, file: "s.yaml")
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// The scenario `yaml` describes; records a test failure when it does not parse.
func scenario(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Scenario {
    do {
        return try ScenarioLoader.parse(yaml: yaml, file: "s.yaml")
    } catch {
        Issue.record("unexpected problems:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}
