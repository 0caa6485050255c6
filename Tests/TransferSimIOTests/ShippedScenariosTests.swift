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

    /// Every shipped scenario runs, baseline and each variant, at a small trial count: finite
    /// metrics, and some results disclosed. To keep the debug-build test fast, the horizon is cut
    /// to 3 years (a smoke run, not a result), and schedules to their steps inside it.
    @Test(arguments: files) func runsEveryPolicyAtAFewTrials(path: String) throws {
        var scenario = try ScenarioLoader.load(path: path)
        func cut(_ settings: [String: ParameterSetting]) -> [String: ParameterSetting] {
            settings.mapValues { setting in
                guard case let .schedule(s) = setting.value else { return setting }
                return ParameterSetting(.schedule(ParameterSchedule(steps: s.steps.filter { $0.year <= 3 })), origin: setting.origin)
            }
        }
        scenario.settings = cut(scenario.settings)
        scenario.variants = scenario.variants.map { PolicyVariant(name: $0.name, description: $0.description, settings: cut($0.settings)) }
        scenario.settings["region.time.horizon_years"] = ParameterSetting(.number(3))
        scenario.settings["region.time.intake_years"] = ParameterSetting(.number(3))
        for policy in scenario.policyNames {
            let resolved = try scenario.resolve(policy: policy)
            let result = Simulation.run(resolved, RunConfiguration(trials: 2, seed: 7, threads: 2))
            #expect(result.trials == 2)
            #expect(result.metrics.allSatisfy { !$0.isInfinite }, "\(path) \(policy)")
            #expect(result.values(.disclosed).allSatisfy { $0 > 0 }, "\(path) \(policy)")
        }
    }

    /// The regional presets each have variants that change policy, with a description.
    @Test(arguments: files) func variantsChangePolicyAndSayWhy(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        for variant in scenario.variants {
            #expect(!variant.settings.isEmpty, "\(path) \(variant.name)")
            #expect(!variant.description.isEmpty, "\(path) \(variant.name)")
        }
    }
}
