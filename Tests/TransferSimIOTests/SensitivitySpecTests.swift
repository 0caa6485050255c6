// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The shipped sensitivity spec parses, names real parameters and metrics, and its ranges are
/// within the catalogue's limits on the default scenario.
@Suite struct SensitivitySpecTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/sensitivity/default-levers.yaml")

    @Test func shippedSpecIsValidOnTheDefaultScenario() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let spec = try SensitivitySpec.parse(yaml: text, file: Self.file.path)
        #expect(spec.method == .sobol && spec.parameters.count == 8 && spec.sobolN == 256 && spec.trials == 20)
        #expect(spec.outputs == [.localConversionShare, .fiscalCostPerLocalConversion])
        let scenario = try ScenarioSource.file(spec.scenarioPath).load().scenario
        let base = try scenario.resolve(policy: spec.policy)
        for parameter in spec.parameters {
            let ends = SensitivityPlan.ends(of: parameter)
            _ = try SweepRunner.parameters(base, paths: [parameter.path, parameter.path], values: [ends.low, ends.high])
        }
        for method in SensitivityMethod.allCases {
            let plan = try SensitivityPlan(method: method, parameters: spec.parameters, base: base, sobolN: spec.sobolN,
                                           secondOrder: spec.secondOrder, trajectories: spec.trajectories, levels: spec.levels,
                                           seed: spec.seed)
            #expect(plan.points.count == [SensitivityMethod.sobol: 2560, .morris: 180, .oat: 17][method])
        }
    }

    @Test func problemsAreCollectedWithPositions() {
        let yaml = """
            scenario: x.yaml
            method: sobl
            outputs: [local_conversion_share]
            parameters:
              policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}
            sobol: {n: 100, second_ordr: true}
            morris: {levels: 5}
            """
        do {
            _ = try SensitivitySpec.parse(yaml: yaml, file: "s.yaml")
            Issue.record("the spec has four problems")
        } catch {
            let text = error.problems.map(\.description)
            #expect(text.contains { $0.hasPrefix("s.yaml:2:9: error: unknown method 'sobl'; did you mean 'sobol'?") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("s.yaml:6:") && $0.contains("power of two") })
            #expect(text.contains { $0.hasPrefix("s.yaml:6:") && $0.contains("did you mean 'second_order'?") })
            #expect(text.contains { $0.hasPrefix("s.yaml:7:") && $0.contains("must be even") })
        }
    }
}
