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

    /// Every `Scenarios/*.yaml` is bundled, byte for byte, under its base name; nothing else is.
    @Test func everyShippedScenarioIsBundled() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(BundledScenarios.presets.map(\.name).sorted() == names,
                "run scripts/bundle-scenarios.sh (make bundle)")
        #expect(BundledScenarios.presets.first?.name == "default")
        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name + ".yaml"))
            let preset = try #require(BundledScenarios.preset(named: name))
            #expect(preset.file == "Scenarios/\(name).yaml")
            #expect(Array(bytes) == Array(preset.yaml.utf8),
                    "the bundled copy of \(name).yaml is out of date: run scripts/bundle-scenarios.sh")
        }
    }

    @Test func bundledDefaultIsAValidScenario() throws {
        let (scenario, sha256) = try ScenarioSource.bundledDefault.load()
        #expect(scenario.name == "Default city (默认城市)")
        #expect(sha256 == SHA256.hex(of: BundledScenarios.defaultYAML.utf8))
        _ = try scenario.resolve()
        for variant in scenario.variants { _ = try scenario.resolve(policy: variant.name) }
    }
}
