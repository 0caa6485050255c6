// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// The default scenario compiled into the tool is `Scenarios/default.yaml`, byte for byte
/// (regenerate with `scripts/bundle-scenarios.sh` / `make bundle` when this fails).
@Suite struct BundledScenarioTests {
    @Test func bundledTextEqualsTheScenarioFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios").appendingPathComponent("default.yaml")
        let bytes = try Data(contentsOf: file)
        #expect(
            Array(bytes) == Array(BundledScenarios.defaultYAML.utf8),
            "Sources/TransferSimIO/BundledScenarios.swift is out of date: run scripts/bundle-scenarios.sh")
        #expect(BundledScenarios.defaultName == "default")
    }

    @Test func bundledDefaultIsAValidScenario() throws {
        let (scenario, sha256) = try ScenarioSource.bundledDefault.load()
        #expect(scenario.name == "Default city (默认城市)")
        #expect(sha256 == SHA256.hex(of: BundledScenarios.defaultYAML.utf8))
        _ = try scenario.resolve()
        for variant in scenario.variants { _ = try scenario.resolve(policy: variant.name) }
    }
}
