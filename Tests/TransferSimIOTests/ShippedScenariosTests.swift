// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Every scenario shipped in `Scenarios/` loads, and its baseline and each variant resolve.
@Suite struct ShippedScenariosTests {
    static let scenariosFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenariosFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { scenariosFolder.appendingPathComponent($0).path }
    }

    @Test func thereAreShippedScenarios() {
        #expect(Self.files.contains { $0.hasSuffix("/default.yaml") })
    }

    @Test(arguments: files) func loadsAndResolvesEveryPolicy(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        for policy in scenario.policyNames {
            let resolved = try scenario.resolve(policy: policy)
            #expect(resolved.policyName == policy)
        }
    }

    /// The default scenario's variants each change at least one policy lever.
    @Test func defaultVariantsChangePolicy() throws {
        let scenario = try ScenarioLoader.load(path: Self.scenariosFolder.appendingPathComponent("default.yaml").path)
        #expect(scenario.variants.count >= 5)
        for variant in scenario.variants {
            #expect(!variant.settings.isEmpty)
            #expect(variant.settings.keys.allSatisfy { $0.hasPrefix("policy.") })
        }
    }
}
